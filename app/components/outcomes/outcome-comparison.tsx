/**
 * Wellbeing before and after, side by side, for the referral page. Server-
 * rendered data from getOutcomeComparison(referralId); change is said in
 * words as well as numbers, never by colour alone.
 */
import { DataTable } from "~/components/layout/data-table";
import type { MeasureComparison, OutcomeComparison as OutcomeComparisonData } from "~/modules/outcomes";

const directionWords: Record<NonNullable<MeasureComparison["direction"]>, string> = {
  better: "Better",
  worse: "Worse",
  same: "No change",
};

function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(new Date(iso));
}

function Reading({ reading }: { reading: MeasureComparison["baseline"] }) {
  if (!reading) return <span className="muted">Not answered</span>;
  return (
    <>
      <strong>{reading.value}</strong> <span className="outcome-band">({reading.band})</span>
    </>
  );
}

function Change({ measure }: { measure: MeasureComparison }) {
  if (measure.change === null || !measure.direction) return <span className="muted">—</span>;
  const sign = measure.change > 0 ? "+" : "";
  return (
    <span className={`outcome-change outcome-${measure.direction}`}>
      {sign}
      {measure.change} <span className="outcome-direction">{directionWords[measure.direction]}</span>
    </span>
  );
}

export function OutcomeComparison({ data, headingLevel = 2 }: { data: OutcomeComparisonData; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const before = formatDate(data.baselineAt);
  const after = formatDate(data.followUpAt);
  const nothingYet = !data.baselineAt && !data.followUpAt;
  return (
    <section className="outcome-comparison" aria-labelledby={`outcomes-${data.referralId}`}>
      <Heading id={`outcomes-${data.referralId}`}>Wellbeing before and after</Heading>
      {nothingYet ? (
        <p>No wellbeing answers yet.{data.followUpSentAt ? " The follow-up questions have been sent to the person." : ""}</p>
      ) : (
        <>
          <p className="meta-row">
            <span>Before: {before ?? "not answered"}</span>
            <span>After: {after ?? (data.followUpSentAt ? "sent, not answered yet" : "not sent yet")}</span>
            <span>
              Sessions attended in between: <strong>{data.sessionsAttendedBetween}</strong>
            </span>
          </p>
          <DataTable caption="Wellbeing answers before and after, with the change" columns={["Measure", "Before", "After", "Change"]}>
            {data.measures.map((m) => (
              <tr key={m.key}>
                <th scope="row">
                  {m.label}
                  <span className="hint">
                    {m.scale}
                    {m.instrument === "ons4" ? (m.higherIsBetter ? ", higher is better" : ", lower is better") : ""}
                  </span>
                </th>
                <td>
                  <Reading reading={m.baseline} />
                </td>
                <td>
                  <Reading reading={m.followUp} />
                </td>
                <td>
                  <Change measure={m} />
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
