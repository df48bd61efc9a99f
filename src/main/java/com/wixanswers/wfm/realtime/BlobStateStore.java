package com.wixanswers.wfm.realtime;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.wixanswers.wfm.config.Settings.StorageSettings;
import com.wixanswers.wfm.storage.BlobFolder;

import java.util.Optional;

/**
 * The state in the blob {@code realtime/rta-state.json} of the app's storage account, written with an ETag
 * condition ({@code If-Match}, or {@code If-None-Match: *} for the first write).
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
        return new BlobStateStore(BlobFolder.account(storage).getBlobContainerClient(CONTAINER));
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
    public String etag() {
        try {
            return blob.getProperties().getETag();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
            return null;
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
