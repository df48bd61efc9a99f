package com.wixanswers.wfm.config;

import com.wixanswers.wfm.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsTest {
    private static final String VALUE = "k3y-7f3a9c1e5b2d8";

    @Test
    void aSecretNeverPrintsItsValue() {
        Secret secret = new Secret(VALUE);
        assertEquals("***", secret.toString());
        assertFalse(("key: " + secret).contains(VALUE));
        assertEquals(VALUE, secret.reveal());
    }

    @Test
    void aMissingSecretNamesItsSettingAndItsVaultName() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> new EnvironmentSecrets(Map.of()).get(SecretName.CALABRIO_HISTORICAL_TENANT_KEY));
        assertTrue(e.getMessage().contains("CALABRIO_HISTORICAL_TENANT_KEY is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("'calabrio-historical-tenant-key'"), e.getMessage());
    }

    @Test
    void anUnresolvedKeyVaultReferenceIsCalledOut() {
        SettingsException e = assertThrows(SettingsException.class, () -> new EnvironmentSecrets(Map.of(
                "CALABRIO_HISTORICAL_TENANT_KEY", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x)"))
                .get(SecretName.CALABRIO_HISTORICAL_TENANT_KEY));
        assertTrue(e.getMessage().contains("unresolved Key Vault reference"), e.getMessage());
    }

    @Test
    void keyVaultSecretsAreCachedForTheirTimeToLive() {
        AtomicInteger fetches = new AtomicInteger();
        ManualClock clock = new ManualClock(Instant.parse("2026-11-28T00:00:00Z"));
        KeyVaultSecrets secrets = new KeyVaultSecrets(name -> {
            assertEquals("calabrio-historical-tenant-key", name);
            return VALUE + fetches.incrementAndGet();
        }, clock);
        assertEquals(VALUE + 1, secrets.get(SecretName.CALABRIO_HISTORICAL_TENANT_KEY).reveal());
        clock.advance(KeyVaultSecrets.TIME_TO_LIVE.minusSeconds(1));
        assertEquals(VALUE + 1, secrets.get(SecretName.CALABRIO_HISTORICAL_TENANT_KEY).reveal());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(VALUE + 2, secrets.get(SecretName.CALABRIO_HISTORICAL_TENANT_KEY).reveal(), "rotated value");
        assertEquals(2, fetches.get());
    }

    @Test
    void aVaultFailureNamesTheSecretButNotItsValue() {
        KeyVaultSecrets secrets = new KeyVaultSecrets(name -> {
            throw new IllegalStateException("403 Forbidden");
        }, Clock.systemUTC());
        SettingsException e = assertThrows(SettingsException.class,
                () -> secrets.get(SecretName.CALABRIO_HISTORICAL_TENANT_KEY));
        assertTrue(e.getMessage().contains("'calabrio-historical-tenant-key' (for CALABRIO_HISTORICAL_TENANT_KEY)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Key Vault Secrets User"), e.getMessage());
    }
}
