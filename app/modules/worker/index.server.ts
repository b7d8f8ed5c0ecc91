// The worker module's public face: what scripts use to run the background jobs.
export { runJobsOnce, startWorker } from "./worker.server";
