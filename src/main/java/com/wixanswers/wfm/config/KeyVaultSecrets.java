package com.wixanswers.wfm.config;

import com.azure.core.exception.ResourceNotFoundException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Secrets read from Key Vault with the app's identity (azure-identity's default chain: managed identity in
 * Azure, the developer's login locally). Values are cached for {@link #TIME_TO_LIVE} so a rotated secret is
 * picked up within that time without a restart, and the vault is not called once per request.
 */
public final class KeyVaultSecrets implements Secrets {
    static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

    private final Function<String, String> fetchByName;
    private final Clock clock;
    private final ConcurrentMap<SecretName, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Secret secret, Instant fetchedAt) {
    }

    /** @param fetchByName reads a secret's value by its Key Vault name */
    KeyVaultSecrets(Function<String, String> fetchByName, Clock clock) {
        this.fetchByName = fetchByName;
        this.clock = clock;
    }

    /** A user-assigned identity is chosen by the AZURE_CLIENT_ID variable, which azure-identity reads itself. */
    public static KeyVaultSecrets connect(String vaultUri) {
        SecretClient client = new SecretClientBuilder()
                .vaultUrl(vaultUri)
                .credential(new DefaultAzureCredentialBuilder().build())
                .buildClient();
        return new KeyVaultSecrets(name -> client.getSecret(name).getValue(), Clock.systemUTC());
    }

    @Override
    public Secret get(SecretName name) {
        Instant now = clock.instant();
        Cached cached = cache.get(name);
        if (cached != null && cached.fetchedAt().plus(TIME_TO_LIVE).isAfter(now)) {
            return cached.secret();
        }
        Secret secret = fetch(name);
        cache.put(name, new Cached(secret, now));
        return secret;
    }

    private Secret fetch(SecretName name) {
        try {
            String value = fetchByName.apply(name.keyVaultName());
            if (value == null || value.isBlank()) {
                throw new SettingsException("Key Vault secret '" + name.keyVaultName() + "' (for " + name.settingName()
                        + ") is empty");
            }
            return new Secret(value.strip());
        } catch (ResourceNotFoundException e) {
            throw new SettingsException("Key Vault secret '" + name.keyVaultName() + "' (for " + name.settingName()
                    + ") does not exist in KEY_VAULT_URI's vault");
        } catch (RuntimeException e) {
            if (e instanceof SettingsException settingsException) {
                throw settingsException;
            }
            throw new SettingsException("cannot read Key Vault secret '" + name.keyVaultName() + "' (for "
                    + name.settingName() + ") from KEY_VAULT_URI: " + e.getClass().getSimpleName()
                    + " (check the identity has the 'Key Vault Secrets User' role)");
        }
    }
}
