package com.wixanswers.wfm.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator scripts against stand-ins for the Azure CLI, curl and the build tools, on a PATH made for each
 * test: prerequisites are checked and named, keys travel in headers and private files only, never on a command
 * line, in a URL or on the terminal.
 */
class DeploymentScriptsTest {
    private static final String KEY = "function-key-8b1f0d3a9c7e";
    private static final List<String> BASE_TOOLS = List.of("bash", "env", "dirname", "basename", "mkdir", "mktemp",
            "rm", "chmod", "cat", "grep", "sed", "tr", "tee", "touch");

    @TempDir
    Path bin;
    @TempDir
    Path work;

    private record Run(int exitCode, String out, String err) {
    }

    /** A PATH with the basic tools and the given stand-ins (name to bash body), nothing else. */
    private void tools(Map<String, String> standIns) throws IOException {
        for (String tool : BASE_TOOLS) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                Path real = Path.of(dir, tool);
                if (Files.isExecutable(real) && !Files.exists(bin.resolve(tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), real);
                }
            }
        }
        for (Map.Entry<String, String> standIn : standIns.entrySet()) {
            Path script = bin.resolve(standIn.getKey());
            Files.writeString(script, "#!/usr/bin/bash\necho \"" + standIn.getKey() + " $*\" >> " + work.resolve("calls")
                    + "\n" + standIn.getValue() + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private Run run(String script, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/bash", "scripts/" + script));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile());
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("HOME", work.toString());
        builder.environment().put("DEPLOY_STATE", work.resolve("deploy.env").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), script + " hung");
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private String calls() throws IOException {
        Path calls = work.resolve("calls");
        return Files.exists(calls) ? Files.readString(calls) : "";
    }

    @Test
    void everyScriptNamesTheMissingAzureCli() throws Exception {
        tools(Map.of());
        Run deploy = run("deploy.sh", Map.of(), "rg-wfm");
        assertEquals(2, deploy.exitCode());
        assertTrue(deploy.err().contains("az is not installed: the Azure CLI"), deploy.err());
        Run postDeploy = run("post-deploy.sh", Map.of(), "rg-wfm");
        assertTrue(postDeploy.err().contains("az is not installed"), postDeploy.err());
        Run rerun = run("rerun-historical.sh", Map.of(), "2026-11-20", "2026-11-27");
        assertEquals(2, rerun.exitCode());
        assertTrue(rerun.err().contains("az is not installed"), rerun.err());
    }

    @Test
    void wrongArgumentsAndAMissingLoginAreSaidPlainly() throws Exception {
        tools(Map.of("az", "exit 1", "curl", "exit 0"));
        assertTrue(run("deploy.sh", Map.of()).err().contains("usage: scripts/deploy.sh <resource-group>"));
        assertTrue(run("rerun-historical.sh", Map.of(), "20.11.2026", "2026-11-27").err()
                .contains("'20.11.2026' is not a date"));
        Run notLoggedIn = run("rerun-historical.sh", Map.of(), "2026-11-20", "2026-11-27");
        assertEquals(2, notLoggedIn.exitCode());
        assertTrue(notLoggedIn.err().contains("not logged in to Azure: run 'az login'"), notLoggedIn.err());
    }

    @Test
    void aRerunSendsTheFunctionKeyAsAHeaderAndPrintsTheCheckStatusPayload() throws Exception {
        tools(Map.of(
                "az", """
                        case "$*" in
                          "account show"*) exit 0 ;;
                          "functionapp show"*) echo "wfm-app.azurewebsites.net" ;;
                          "functionapp function keys list"*) echo "%s" ;;
                          *) exit 3 ;;
                        esac""".formatted(KEY),
                "curl", """
                        for arg in "$@"; do [[ "$arg" == @* ]] && cat "${arg#@}" >> %s; done
                        printf '{"id":"historical-run-2026-11-20_2026-11-27"}\\n202'""".formatted(
                        work.resolve("header-files"))));
        Run rerun = run("rerun-historical.sh", Map.of("AZURE_RESOURCE_GROUP", "rg-wfm", "FUNCTION_APP_NAME",
                "wfm-app"), "2026-11-20", "2026-11-27");
        assertEquals(0, rerun.exitCode(), rerun.err());
        assertTrue(rerun.out().contains("historical-run-2026-11-20_2026-11-27"), rerun.out());
        String calls = calls();
        assertTrue(calls.contains("--header @"), calls);
        assertFalse(calls.contains(KEY), "the key is not on curl's command line");
        assertEquals("x-functions-key: " + KEY + "\n", Files.readString(work.resolve("header-files")));
        assertTrue(calls.contains("https://wfm-app.azurewebsites.net/api/historical/runs?from=2026-11-20&to=2026-11-27"),
                calls);
        assertFalse(calls.contains("code=" + KEY), "the key is not in the URL");
        assertFalse(rerun.out().contains(KEY) || rerun.err().contains(KEY));
    }

    @Test
    void aRefusedRerunExitsNonZeroWithTheReason() throws Exception {
        tools(Map.of("az", "case \"$*\" in \"functionapp function keys list\"*) echo k ;; *) echo wfm-app.example ;; esac",
                "curl", "printf '{\"error\":\"historical-2026-11-26 is running now\"}\\n409'"));
        Run rerun = run("rerun-historical.sh", Map.of("AZURE_RESOURCE_GROUP", "rg", "FUNCTION_APP_NAME", "app"),
                "2026-11-20", "2026-11-27");
        assertEquals(1, rerun.exitCode());
        assertTrue(rerun.out().contains("is running now"));
        assertTrue(rerun.err().contains("HTTP 409"), rerun.err());
    }

    @Test
    void postDeploySaysWhyThereIsNoBlobsExtensionKeyYet() throws Exception {
        tools(Map.of("az", """
                case "$*" in
                  "deployment group show"*functionAppName*) echo wfm-app ;;
                  "deployment group show"*storageAccountId*) echo /subscriptions/x/storage ;;
                  *) echo "" ;;
                esac"""));
        Run postDeploy = run("post-deploy.sh", Map.of(), "rg-wfm");
        assertEquals(2, postDeploy.exitCode());
        assertTrue(postDeploy.err().contains("wfm-app has no blobs_extension system key yet"), postDeploy.err());
        assertFalse(calls().contains("eventgrid"), "no subscription without the key");
    }

    @Test
    void postDeployPassesTheEndpointWithTheBlobsExtensionKeyFromAPrivateFile() throws Exception {
        tools(Map.of("az", """
                for arg in "$@"; do [[ "$arg" == @* ]] && cat "${arg#@}" >> %s; done
                case "$*" in
                  "deployment group show"*functionAppName*) echo wfm-app ;;
                  "deployment group show"*storageAccountId*) echo /subscriptions/x/storage ;;
                  "functionapp keys list"*) echo %s ;;
                  "provider show"*) echo Registered ;;
                  "functionapp show"*) echo wfm-app.azurewebsites.net ;;
                esac""".formatted(work.resolve("endpoint-files"), KEY)));
        Run postDeploy = run("post-deploy.sh", Map.of(), "rg-wfm");
        assertEquals(0, postDeploy.exitCode(), postDeploy.err());
        String calls = calls();
        assertTrue(calls.contains("az eventgrid event-subscription create --name onboarding-uploads"), calls);
        assertTrue(calls.contains("--endpoint @"), calls);
        assertFalse(calls.contains(KEY), "the key is not on az's command line");
        assertFalse(postDeploy.out().contains(KEY) || postDeploy.err().contains(KEY));
        assertEquals("https://wfm-app.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions."
                + "OnboardingUpload&code=" + KEY, Files.readString(work.resolve("endpoint-files")));
    }

    @Test
    void deployPassesSecretsThroughAPrivateFileAndNeverPrintsThem() throws Exception {
        String secret = "tenant-\"key\"-5e2c";
        tools(Map.of(
                "az", """
                        for arg in "$@"; do
                          if [[ "$arg" == @/* || "$arg" == @"${TMPDIR:-/tmp}"* ]]; then cat "${arg#@}" >> %s; fi
                        done
                        case "$*" in
                          "deployment group show"*) echo "out-$(echo "$*" | sed 's/.*outputs\\.\\([a-zA-Z]*\\).*/\\1/')" ;;
                        esac
                        exit 0""".formatted(work.resolve("parameter-files")),
                "mvn", "mkdir -p target/azure-functions/wix-answers-calabrio && touch target/azure-functions/wix-answers-calabrio/host.json",
                "java", "exit 0",
                "zip", "touch \"$3\""));
        Run deploy = run("deploy.sh", Map.of("CALABRIO_HISTORICAL_TENANT_KEY", secret), "rg-wfm", "westeurope");
        assertEquals(0, deploy.exitCode(), deploy.err());
        String calls = calls();
        assertTrue(calls.contains("az deployment group create --resource-group rg-wfm"), calls);
        assertTrue(calls.contains("az functionapp deployment source config-zip --resource-group rg-wfm --name out-functionAppName"),
                calls);
        assertFalse(calls.contains(secret), "the secret is not on a command line");
        assertFalse(deploy.out().contains(secret) || deploy.err().contains(secret));
        String parameterFiles = Files.readString(work.resolve("parameter-files"));
        assertTrue(parameterFiles.contains("\"calabrioHistoricalTenantKey\": {\"value\": \"tenant-\\\"key\\\"-5e2c\"}"),
                parameterFiles);
        assertFalse(parameterFiles.contains("calabrioApiToken"), "secrets not given are left alone");
        assertTrue(Files.readString(work.resolve("deploy.env")).contains("FUNCTION_APP_NAME=out-functionAppName"));
    }

    @Test
    void deployRecoversTheSoftDeletedVaultOfItsResourceGroupAndNoOther() throws Exception {
        tools(Map.of(
                "az", """
                        case "$*" in
                          "keyvault list-deleted"*)
                            printf 'kv-wix-answe-1a2b3c\t/subscriptions/s/resourceGroups/RG-WFM/providers/Microsoft.KeyVault/vaults/kv-wix-answe-1a2b3c\n'
                            printf 'kv-other-9z8y7x\t/subscriptions/s/resourceGroups/rg-other/providers/Microsoft.KeyVault/vaults/kv-other-9z8y7x\n' ;;
                          "deployment group show"*) echo "out" ;;
                        esac
                        exit 0""",
                "mvn", "mkdir -p target/azure-functions/wix-answers-calabrio",
                "java", "exit 0",
                "zip", "touch \"$3\""));
        Run deploy = run("deploy.sh", Map.of(), "rg-wfm");
        assertEquals(0, deploy.exitCode(), deploy.err());
        String calls = calls();
        assertTrue(calls.contains("az keyvault recover --name kv-wix-answe-1a2b3c"), calls);
        assertFalse(calls.contains("kv-other-9z8y7x"), "another group's vault is left alone");
        assertTrue(calls.indexOf("keyvault recover") < calls.indexOf("deployment group create"),
                "recovered before the deployment asks for the name");
    }
}
