package com.wixanswers.wfm.config;

import java.util.Map;

/** Secrets from app settings; in Azure those settings hold Key Vault references the platform resolves. */
public final class EnvironmentSecrets implements Secrets {
    private final Map<String, String> environment;

    public EnvironmentSecrets(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Secret get(SecretName name) {
        String value = environment.get(name.settingName());
        if (value == null || value.isBlank()) {
            throw new SettingsException(name.settingName() + " is not set: it is a secret, set it as an app setting"
                    + " (a Key Vault reference in Azure), or set KEY_VAULT_URI and store it in that vault as '"
                    + name.keyVaultName() + "'");
        }
        if (value.startsWith("@Microsoft.KeyVault(")) {
            throw new SettingsException(name.settingName() + " holds an unresolved Key Vault reference: check the"
                    + " app's identity has the 'Key Vault Secrets User' role and the reference names an existing secret");
        }
        return new Secret(value.strip());
    }
}
