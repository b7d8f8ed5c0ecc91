import { EnvError, env, type Env } from "../../app/utils/env.server";

/** Validated settings, or a clear message naming each bad variable and exit 1. */
export function loadConfig(): Env {
  try {
    return env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
