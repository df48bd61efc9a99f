package com.wixanswers.wfm.storage;

import com.azure.core.util.BinaryData;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.wixanswers.wfm.config.Setting;
import com.wixanswers.wfm.config.Settings.StorageSettings;
import com.wixanswers.wfm.config.SettingsException;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/** A blob container of the app's storage account as a {@link Folder}. */
public final class BlobFolder implements Folder {
    private final BlobContainerClient container;

    public BlobFolder(BlobContainerClient container) {
        this.container = container;
    }

    /**
     * The app's storage account: by connection string locally (Azurite), by the app's identity in Azure. Retries
     * are short, for callers with a budget of their own.
     */
    public static BlobServiceClient account(StorageSettings storage) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3, Duration.ofSeconds(10),
                        Duration.ofMillis(500), Duration.ofSeconds(2), null));
        if (storage.connectionString().isPresent()) {
            builder.connectionString(storage.connectionString().get());
        } else if (storage.blobServiceUri().isPresent()) {
            builder.endpoint(storage.blobServiceUri().get().toString())
                    .credential(new DefaultAzureCredentialBuilder().build());
        } else {
            throw new SettingsException("neither " + Setting.AZURE_WEBJOBS_STORAGE + " nor "
                    + Setting.AZURE_WEBJOBS_STORAGE_BLOB_SERVICE_URI + " is set: the integration keeps its files in"
                    + " the app's storage account");
        }
        return builder.buildClient();
    }

    @Override
    public Optional<InputStream> open(String path) {
        var blob = container.getBlobClient(path);
        try {
            return Optional.of(blob.openInputStream());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<byte[]> read(String path) {
        try {
            return Optional.of(container.getBlobClient(path).downloadContent().toBytes());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void write(String path, byte[] content) {
        container.getBlobClient(path).upload(BinaryData.fromBytes(content), true);
    }

    @Override
    public OutputStream create(String path) {
        return container.getBlobClient(path).getBlockBlobClient().getBlobOutputStream(true);
    }

    @Override
    public String where(String path) {
        return container.getBlobContainerName() + "/" + path;
    }
}
