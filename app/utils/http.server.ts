/** Responses thrown from loaders and actions; the root error boundary renders them. */

export function notFound(message = "We could not find that page."): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

export function forbidden(message = "You do not have access to this."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export function conflict(message: string): Response {
  return new Response(message, { status: 409, statusText: "Conflict" });
}

/** JSON error for APIs: `{ error, field? }`. */
export function jsonError(status: number, error: string, field?: string, init?: ResponseInit): Response {
  return Response.json(field ? { error, field } : { error }, { ...init, status });
}

/**
 * Runs a module's verb and answers 409 with the error's message when the
 * module refuses with an error of `kind` (an illegal status change, a change
 * to something archived); other errors pass through.
 */
export async function conflictOn<T>(kind: abstract new (...args: never[]) => Error, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof kind) throw conflict(error.message);
    throw error;
  }
}
