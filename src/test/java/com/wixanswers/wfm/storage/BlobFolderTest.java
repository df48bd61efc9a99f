package com.wixanswers.wfm.storage;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.onboarding.AgentsFile;
import com.wixanswers.wfm.onboarding.Onboarding;
import com.wixanswers.wfm.onboarding.OnboardingMessages.FilePlan;
import com.wixanswers.wfm.onboarding.OnboardingMessages.RunRef;
import com.wixanswers.wfm.testing.Azurite;
import com.wixanswers.wfm.testing.Workbooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The onboarding container against Azurite: an upload streamed in, the people file and the report written. */
class BlobFolderTest {
    @RegisterExtension
    static Azurite azurite = new Azurite();

    private static BlobContainerClient container() {
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient().getBlobContainerClient("onboarding-" + UUID.randomUUID().toString().substring(0, 8));
        container.create();
        return container;
    }

    @Test
    void aFileIsStreamedReadWrittenAndAMissingOneIsEmpty() throws IOException {
        BlobFolder folder = new BlobFolder(container());
        assertTrue(folder.open("incoming/none.csv").isEmpty());
        assertTrue(folder.read("incoming/none.csv").isEmpty());
        folder.write("reports/a.report.csv", "row,agentId\r\n".getBytes(StandardCharsets.UTF_8));
        folder.write("reports/a.report.csv", "row,agentId,outcome\r\n".getBytes(StandardCharsets.UTF_8));
        try (InputStream in = folder.open("reports/a.report.csv").orElseThrow()) {
            assertEquals("row,agentId,outcome\r\n", new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "a write replaces the blob whole");
        }
        assertTrue(folder.where("reports/a.report.csv").endsWith("/reports/a.report.csv"));
    }

    @Test
    void anUploadIsReadFromItsBlobAndItsPeopleFileAndReportAreWrittenBesideIt() {
        BlobContainerClient container = container();
        BlobFolder folder = new BlobFolder(container);
        folder.write("incoming/team.csv", ("agentId,firstName,lastName,email,startDate,skills,organization\r\n"
                + "agent-1,Ann,Smith,ann@example.com,2026-12-01,Billing,London/Support\r\n"
                + "agent-2,Bo,,bo@example.com,2026-12-01,Billing,London/Support\r\n").getBytes(StandardCharsets.UTF_8));
        var settings = Settings.load(Map.of("ONBOARDING_DEFAULT_ROLE", "Agent", "ONBOARDING_DEFAULT_CONTRACT", "Full",
                "ONBOARDING_DEFAULT_CONTRACT_SCHEDULE", "Mon-Fri", "ONBOARDING_DEFAULT_PART_TIME_PERCENTAGE", "100%"))
                .onboarding();
        Onboarding onboarding = new Onboarding(folder, new AgentsFile(settings.maxRows(), settings.maxBytes(),
                settings.defaults()), () -> {
            throw new AssertionError("reading a file calls nothing");
        }, false);
        FilePlan plan = onboarding.readFile(new RunRef("onboarding-team-1", "incoming/team.csv", null));
        assertEquals(2, plan.rows);
        assertEquals(1, plan.invalid);
        var people = Workbooks.readAsCalabrio(container.getBlobClient("calabrio-import/team.xlsx").downloadContent()
                .toBytes(), "Start date");
        assertEquals(1, people.size(), "the valid row only");
        assertEquals("agent-1", people.get(0).get("Employment number"));
        assertEquals("Support", people.get(0).get("Team"));
        String report = container.getBlobClient("reports/team.report.csv").downloadContent().toString();
        assertTrue(report.startsWith("row,agentId,outcome,detail,employmentNumber,startDate,skills\r\n"
                + "1,agent-1,pending,"), report);
        assertTrue(report.contains("2,agent-2,invalid,lastName is empty,agent-2"), report);
        assertTrue(container.getBlobClient("reports/team.report.json").downloadContent().toString()
                .contains("\"invalid\" : 1"));
    }
}
