/**
 * Small line icons for accessibility features. Decorative only: the text
 * label is always shown next to them, so they are hidden from screen readers.
 */
const paths: Record<string, JSX.Element> = {
  step_free: <path d="M3 19h18V7L3 19z" />,
  accessible_toilet: (
    <>
      <circle cx="10" cy="4.5" r="1.8" />
      <path d="M10 7.5v6h5l2.5 5" />
      <path d="M10 10.5h4" />
      <path d="M7.5 11.2a5 5 0 1 0 7.3 6.3" />
    </>
  ),
  hearing_loop: (
    <>
      <path d="M8 9a5 5 0 0 1 10 0c0 3-3 4-3 7a3 3 0 0 1-5.5 1.6" />
      <path d="M11 9a2 2 0 0 1 4 0c0 1.5-1.5 2-1.5 3" />
      <path d="M3 21l4-4" />
    </>
  ),
  bsl: (
    <>
      <path d="M7 12V6a1.5 1.5 0 0 1 3 0v5" />
      <path d="M10 10V4.5a1.5 1.5 0 0 1 3 0V10" />
      <path d="M13 10V5.5a1.5 1.5 0 0 1 3 0V12" />
      <path d="M16 12V8.5a1.5 1.5 0 0 1 3 0V15a6 6 0 0 1-6 6h-1a6 6 0 0 1-5-2.7L4.5 14a1.5 1.5 0 0 1 2.5-1.7L7 12" />
    </>
  ),
  seating: (
    <>
      <path d="M7 3v10h10" />
      <path d="M7 13l-1 8M17 13l1 8M6 17h12" />
    </>
  ),
  quiet_space: <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />,
  parking: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="3" />
      <path d="M9.5 17V7h3.5a3 3 0 0 1 0 6H9.5" />
    </>
  ),
  public_transport: (
    <>
      <rect x="5" y="3" width="14" height="14" rx="2" />
      <path d="M5 11h14M8 17v3M16 17v3" />
      <circle cx="8.5" cy="14" r="0.8" />
      <circle cx="15.5" cy="14" r="0.8" />
    </>
  ),
  large_print: (
    <>
      <path d="M3 19l5-14 5 14M4.8 14h6.4" />
      <path d="M21 19v-5.5a2.5 2.5 0 0 0-5 0M21 16.5h-3a2 2 0 0 0 0 4c1.7 0 3-1 3-3" />
    </>
  ),
};

export function AccessibilityIcon({ feature }: { feature: string }) {
  const icon = paths[feature];
  if (!icon) return null;
  return (
    <svg
      className="feature-icon"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {icon}
    </svg>
  );
}
