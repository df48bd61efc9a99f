package com.wixanswers.wfm.doctor;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.wixanswers.wfm.config.SettingsException;
import com.wixanswers.wfm.workflow.HttpReplies;
import com.wixanswers.wfm.workflow.Refusal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * {@code GET /api/doctor}: the doctor's report as JSON, the same as {@code calabrio-sync doctor --json}. It answers
 * 200 with the report whatever it finds ({@code conforms} says), 400 for a wrong parameter, 500 naming a wrong
 * setting. In Azure a document can be named only by an http(s) URL ({@code wfmSpec}, {@code historicalSpec}):
 * the app's files are not for callers to read.
 */
public final class DoctorTrigger {
    private final Function<Doctor.Options, DoctorReport> doctor;

    /** @param doctor wired on the call, so that a wrong setting is this call's answer, not the worker's start */
    public DoctorTrigger(Function<Doctor.Options, DoctorReport> doctor) {
        this.doctor = doctor;
    }

    @FunctionName("Doctor")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "doctor") HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return run(request, context.getLogger());
    }

    HttpResponseMessage run(HttpRequestMessage<?> request, Logger log) {
        Map<String, String> query = request.getQueryParameters();
        Optional<String> wfmSpec = Optional.ofNullable(query.get("wfmSpec"));
        Optional<String> historicalSpec = Optional.ofNullable(query.get("historicalSpec"));
        for (Map.Entry<String, Optional<String>> spec : Map.of("wfmSpec", wfmSpec, "historicalSpec", historicalSpec)
                .entrySet()) {
            if (spec.getValue().isPresent() && !spec.getValue().get().matches("(?i)https?://.+")) {
                return HttpReplies.refuse(request, Refusal.badParameter(spec.getKey(), spec.getKey()
                        + " must be an http(s) URL of an API document"));
            }
        }
        DoctorReport report;
        try {
            report = doctor.apply(new Doctor.Options(wfmSpec, historicalSpec));
        } catch (SettingsException e) {
            log.severe("doctor: " + e.getMessage());
            return HttpReplies.refuse(request, new Refusal(HttpStatus.INTERNAL_SERVER_ERROR.value(), null,
                    e.getMessage()));
        }
        log.info("doctor: " + (report.conforms() ? "conforms" : "differs") + ", " + report.checks().size()
                + " checks");
        return request.createResponseBuilder(HttpStatus.OK)
                .header("Content-Type", "application/json")
                .body(report.json())
                .build();
    }
}
