import { useState } from "react";

/**
 * Text to paste elsewhere: selectable without JavaScript; with it, a button
 * copies it and says so (politely, to screen readers too).
 */
export function CopyText({ id, label, text }: { id: string; label: string; text: string }) {
  const [copied, setCopied] = useState<null | "done" | "failed">(null);
  return (
    <div className="copy-text">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} readOnly value={text} rows={Math.min(24, text.split("\n").length + 1)} className="copy-text-area" />
      <button
        type="button"
        className="secondary no-print"
        onClick={() => {
          navigator.clipboard?.writeText(text).then(
            () => setCopied("done"),
            () => setCopied("failed"),
          );
        }}
      >
        Copy for the GP record
      </button>
      <p role="status" className="muted">
        {copied === "done" ? "Copied. Paste it into the GP record." : copied === "failed" ? "Could not copy: select the text above and copy it." : ""}
      </p>
    </div>
  );
}
