package com.wixanswers.wfm.config;

/** Where secrets come from: app settings, or Key Vault. */
public interface Secrets {
    /**
     * The secret's value.
     *
     * @throws SettingsException naming the setting (and vault secret) when it is missing
     */
    Secret get(SecretName name);
}
