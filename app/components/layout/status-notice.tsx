/** What just happened ("Your name has been saved."), announced politely; nothing when there is no message. */
export function StatusNotice({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p className="notice" role="status">
      {message}
    </p>
  );
}
