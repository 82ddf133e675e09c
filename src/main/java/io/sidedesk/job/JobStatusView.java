package io.sidedesk.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.web.context.request.RequestContextHolder;

import io.sidedesk.web.ApiUrls;
import io.sidedesk.web.MayBeNull;

/**
 * A job as the API shows it, Zendesk's job status: {@code progress} items of {@code total} have a result, and
 * {@code results} are in the order of the job's items.
 */
@Schema(name = "JobStatus")
public record JobStatusView(
        String id,
        String url,
        String jobType,

        @Schema(allowableValues = {"queued", "working", "completed", "failed"})
        String status,

        int total,
        int progress,
        @MayBeNull String message,
        List<Result> results) {

    static final String COLLECTION = "job_statuses";

    public JobStatusView {
        results = List.copyOf(results);
    }

    /**
     * One item's result: {@code "status": "Updated"} when it succeeded; else {@code error}, the error code the same
     * request would have been answered with ({@code RecordNotFound}, {@code RecordInvalid}, {@code Forbidden},
     * {@code Conflict}, ...), and {@code errors}, its description.
     */
    @Schema(name = "JobStatusResult")
    public record Result(
            long id,
            int index,
            @Schema(allowableValues = "update") String action,
            boolean success,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(allowableValues = "Updated")
            String status,

            @JsonInclude(JsonInclude.Include.NON_NULL) String error,
            @JsonInclude(JsonInclude.Include.NON_NULL) String errors) {

        static Result of(long id, int index, boolean success, String error, String errors) {
            return success
                    ? new Result(id, index, "update", true, "Updated", null, null)
                    : new Result(id, index, "update", false, null, error, errors);
        }
    }

    /** {@code {"job_status": {...}}}: the answer to the request that queued it, and to {@code GET} of it. */
    public record One(JobStatusView jobStatus) {}

    /** {@code {"job_statuses": [...]}}: {@code show_many}. */
    record Many(List<JobStatusView> jobStatuses) {}

    /** The job status's address without the {@code .json} suffix: the {@code Location} of the request that queued it. */
    public String location() {
        return RequestContextHolder.getRequestAttributes() == null
                ? "/api/v2/" + COLLECTION + "/" + id
                : ApiUrls.location(COLLECTION, id);
    }

    /** Its {@code url}: absolute, as the caller reached the service; relative outside a request. */
    static String url(String id) {
        return RequestContextHolder.getRequestAttributes() == null
                ? "/api/v2/" + COLLECTION + "/" + id + ".json"
                : ApiUrls.of(COLLECTION, id);
    }
}
