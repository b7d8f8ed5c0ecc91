import { notFound } from "~/utils/http.server";

/**
 * Any address no other route matches. Answering it here (rather than leaving
 * it unmatched) runs the root loader, so the 404 page keeps the signed-in header.
 */
export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
