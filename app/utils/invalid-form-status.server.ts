/**
 * A form sent back with a message next to a field is a refusal, so it answers
 * 400, not 200 — with JavaScript (Remix's data request) and without (the
 * document the browser renders) alike, and the page still shows the form and
 * its messages. Routes keep returning Conform's `submission.reply()` as data;
 * the status is decided here, once, for every action in the server build,
 * rather than by each of ~50 returns remembering to say it (decision 041).
 * An action that chose its own status (`data(…, { status })`, a Response, a
 * redirect) is left alone.
 */
import { data, type ServerBuild } from "@remix-run/node";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Action = (args: any) => unknown;

/** Conform's SubmissionResult for a refused submission: `status: "error"` (a validate intent has no status). */
function isRefusedSubmission(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { status?: unknown }).status === "error" && "error" in value;
}

type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };

function isDataWithInit(value: unknown): value is DataWithInit {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

/** Whether an action's plain answer carries a refused Conform submission, itself or as one of its fields. */
export function carriesRefusedForm(value: unknown): boolean {
  if (typeof value !== "object" || value === null || value instanceof Response || isDataWithInit(value)) return false;
  return isRefusedSubmission(value) || Object.values(value).some(isRefusedSubmission);
}

/** The action, answering 400 whenever it hands back a form with errors. */
export function withInvalidFormStatus<A extends Action>(action: A): A {
  const wrapped = async (args: unknown) => {
    const result = await action(args);
    if (carriesRefusedForm(result)) return data(result, { status: 400 });
    // `data(answer, { headers })` without a status has not chosen one either.
    if (isDataWithInit(result) && result.init?.status === undefined && carriesRefusedForm(result.data)) {
      return data(result.data, { ...result.init, status: 400 });
    }
    return result;
  };
  return wrapped as A;
}

/** The server build with every route's action wrapped (see withInvalidFormStatus). */
export function answerInvalidFormsWith400(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const action = route.module.action;
    routes[id] = action ? { ...route, module: { ...route.module, action: withInvalidFormStatus(action) } } : route;
  }
  return { ...build, routes };
}
