package com.wixanswers.wfm.config;

import java.util.Locale;

/**
 * The integration's secrets. In Azure each is an app setting holding a Key Vault reference; with
 * {@code KEY_VAULT_URI} set they are read from that vault under their Key Vault name (dashes, lower case).
 */
public enum SecretName {
    CALABRIO_HISTORICAL_TENANT_KEY(Setting.CALABRIO_HISTORICAL_TENANT_KEY),
    CALABRIO_DATA_SOURCE_KEY(Setting.CALABRIO_DATA_SOURCE_KEY),
    CALABRIO_API_TOKEN(Setting.CALABRIO_API_TOKEN),
    CALABRIO_RTA_AUTH_KEY(Setting.CALABRIO_RTA_AUTH_KEY),
    ANSWERS_API_TOKEN(Setting.ANSWERS_API_TOKEN);

    private final Setting setting;

    SecretName(Setting setting) {
        this.setting = setting;
    }

    /** The app setting that holds the secret (or its Key Vault reference). */
    public String settingName() {
        return setting.key();
    }

    /** Key Vault secret names allow letters, digits and dashes only. */
    public String keyVaultName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
