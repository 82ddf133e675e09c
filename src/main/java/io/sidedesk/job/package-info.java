/**
 * Background jobs shown as Zendesk's job statuses: a feature queues a job of its kind ({@link io.sidedesk.job.JobWork})
 * in its request's transaction ({@link io.sidedesk.job.Jobs#enqueue}); runners on any instance claim it after commit,
 * run each item for the job's creator in a transaction of its own that also writes the item's result, and resume a job
 * whose instance died once its lease runs out. {@code /api/v2/job_statuses} shows them to their creator and admins.
 */
@ApplicationModule(allowedDependencies = {"web", "access"})
package io.sidedesk.job;

import org.springframework.modulith.ApplicationModule;
