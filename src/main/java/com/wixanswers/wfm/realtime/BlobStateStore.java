package com.wixanswers.wfm.realtime;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.wixanswers.wfm.config.Setting;
import com.wixanswers.wfm.config.Settings.StorageSettings;
import com.wixanswers.wfm.config.SettingsException;

import java.time.Duration;
import java.util.Optional;

/**
 * The state in the blob {@code realtime/rta-state.json} of the app's storage account, written with an ETag
 * condition ({@code If-Match}, or {@code If-None-Match: *} for the first write). Reached by connection string
 * locally (Azurite), by the app's identity in Azure. Retries are short: a tick has 45 seconds.
 */
public final class BlobStateStore implements StateStore {
    public static final String CONTAINER = "realtime";
    public static final String BLOB = "rta-state.json";

    private final BlobContainerClient container;
    private final BlobClient blob;

    BlobStateStore(BlobContainerClient container) {
        this.container = container;
        this.blob = container.getBlobClient(BLOB);
    }

    public static BlobStateStore connect(StorageSettings storage) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3, Duration.ofSeconds(5),
                        Duration.ofMillis(500), Duration.ofSeconds(2), null));
        if (storage.connectionString().isPresent()) {
            builder.connectionString(storage.connectionString().get());
        } else if (storage.blobServiceUri().isPresent()) {
            builder.endpoint(storage.blobServiceUri().get().toString())
                    .credential(new DefaultAzureCredentialBuilder().build());
        } else {
            throw new SettingsException("neither " + Setting.AZURE_WEBJOBS_STORAGE + " nor "
                    + Setting.AZURE_WEBJOBS_STORAGE_BLOB_SERVICE_URI + " is set: the real-time state lives in the"
                    + " app's storage account");
        }
        return new BlobStateStore(builder.buildClient().getBlobContainerClient(CONTAINER));
    }

    @Override
    public Stored read() {
        try {
            BlobDownloadContentResponse response = blob.downloadContentWithResponse(null, null, null, Context.NONE);
            return new Stored(response.getValue().toBytes(), response.getDeserializedHeaders().getETag());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
            container.createIfNotExists();
            return Stored.NONE;
        }
    }

    @Override
    public Optional<String> write(byte[] document, String etag) {
        BlobRequestConditions conditions = etag == null
                ? new BlobRequestConditions().setIfNoneMatch("*")
                : new BlobRequestConditions().setIfMatch(etag);
        try {
            return Optional.of(upload(blob, document, conditions));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404 && etag == null) {
                container.createIfNotExists();
                return Optional.of(upload(blob, document, conditions));
            }
            // 412: changed since it was read; 409: created by someone else meanwhile.
            if (e.getStatusCode() == 412 || e.getStatusCode() == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void keepAside(String name, byte[] document) {
        upload(container.getBlobClient(name), document, null);
    }

    private static String upload(BlobClient target, byte[] document, BlobRequestConditions conditions) {
        return target.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(document))
                .setRequestConditions(conditions)
                .setHeaders(new BlobHttpHeaders().setContentType("application/json")), null, Context.NONE)
                .getValue().getETag();
    }
}
