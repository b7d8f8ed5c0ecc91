// The worker module's public face: what scripts, the system module and tests use to run and watch the background jobs.
export { jobs, runJobsOnce, startWorker } from "./worker.server";
export { makeEveryJobDue, listJobStatus, workerLiveness, type Job, type JobStatus, type WorkerHandle } from "./job-runner.server";
