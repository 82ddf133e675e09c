package io.sidedesk.job;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;

@RestController
@RequestMapping("/api/v2/job_statuses")
@Tag(name = OpenApiConfiguration.JOB_STATUSES)
class JobStatusController {

    private final Jobs jobs;

    JobStatusController(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    @ListOf(value = "job_statuses", of = JobStatusView.class, offset = false)
    @Operation(
            operationId = "listJobStatuses",
            summary = "The caller's job statuses (admins: every one), newest first; cursor paging only (staff)")
    ListPage.Body list(@AuthenticationPrincipal Actor actor, Paging paging) {
        return jobs.list(actor, paging).body("job_statuses");
    }

    @GetMapping("/show_many")
    @Operation(
            operationId = "showManyJobStatuses",
            summary = "Up to 100 job statuses by id (ids=a,b); those the caller may not see are left out (staff)")
    JobStatusView.Many showMany(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true, description = "Comma-separated job status ids, at most 100")
                    @RequestParam(required = false)
                    String ids) {
        return new JobStatusView.Many(jobs.showMany(actor, ids));
    }

    @GetMapping("/{job_status_id}")
    @Operation(
            operationId = "showJobStatus",
            summary = "Show a job status, with its results in the order of its items (its creator and admins)")
    JobStatusView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("job_status_id") String id) {
        return new JobStatusView.One(jobs.show(actor, id));
    }
}
