import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type DefaultValue,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { ChoiceGroup } from "~/components/forms/choice-group";
import { Field } from "~/components/forms/field";
import { useSchemaForm } from "~/components/forms/use-schema-form";
import { LocationPicker } from "~/components/map/location-picker";
import { createActivityFormSchema, MAX_SCHEDULES, newScheduleDefaults, ONE_OFF_DATE_SLOTS, timezoneChoices, type ActivityFormInput, type ActivityStatus, type ScheduleFieldsInput, WEEKDAYS, accessibilityFeatures, costTypes, suitabilityOptions } from "~/modules/activities";
import type { Bounds } from "~/modules/places";
import { AccessibilityIcon } from "./accessibility-icon";

const dayNames = { MO: "Monday", TU: "Tuesday", WE: "Wednesday", TH: "Thursday", FR: "Friday", SA: "Saturday", SU: "Sunday" };
const nthNames = { "1": "First", "2": "Second", "3": "Third", "4": "Fourth", "-1": "Last" };

export interface ActivityEditorFormProps {
  mode: "new" | "edit";
  status: ActivityStatus;
  categories: { slug: string; name: string }[];
  bounds: Bounds;
  /** The server's clock, so the browser checks schedules against the same "now". */
  nowIso: string;
  /** Today in the UK, for a new schedule's first date. */
  today: string;
  defaultValue: Record<string, unknown>;
  lastResult?: SubmissionResult<string[]> | null;
  photoUrl?: string | null;
  action?: string;
}

export function ActivityEditorForm(props: ActivityEditorFormProps) {
  const { mode, status, categories, bounds, nowIso, today, defaultValue, lastResult, photoUrl } = props;
  const schema = useMemo(() => createActivityFormSchema({ bounds, now: new Date(nowIso) }), [bounds, nowIso]);
  const [form, fields] = useSchemaForm(schema, {
    id: "activity-editor",
    lastResult,
    // Stored values arrive as the strings the form shows (see activityToFormDefaults).
    defaultValue: defaultValue as DefaultValue<ActivityFormInput>,
  });
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const navigation = useNavigation();
  const saving = navigation.state === "submitting";

  // Before hydration (and without JavaScript) every part of the form shows;
  // afterwards, only the parts that apply to the choices made.
  const shows = (value: unknown, wanted: string) => !hydrated || value === wanted;
  const schedules = fields.schedules.getFieldList();
  const errorCount = Object.keys(form.allErrors).length;

  return (
    <Form method="post" encType="multipart/form-data" action={props.action} {...getFormProps(form)} className="activity-editor">
      {lastResult && errorCount > 0 ? (
        <div className="error-summary" role="alert" id={form.errorId}>
          <h2>Some answers need changing</h2>
          <p>Nothing has been saved yet. Look for the messages in red below.</p>
          {form.errors?.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      ) : null}

      <section aria-labelledby="about-heading" className="editor-section">
        <h2 id="about-heading">About the activity</h2>
        <Field label="Title" hint="What people will search for, like “Tuesday morning walk in Hyde Park”" meta={fields.title}>
          {(p) => <input {...getInputProps(fields.title, { type: "text" })} {...p} />}
        </Field>
        <Field label="Short summary" hint="One sentence shown in search results" meta={fields.summary}>
          {(p) => <input {...getInputProps(fields.summary, { type: "text" })} {...p} />}
        </Field>
        <Field label="Full description (optional)" hint="What happens, what to bring, who leads it" meta={fields.description}>
          {(p) => <textarea {...getTextareaProps(fields.description)} {...p} rows={5} />}
        </Field>
        <Field label="Category" meta={fields.category}>
          {(p) => (
            <select {...getSelectProps(fields.category)} {...p}>
              <option value="">Choose a category</option>
              {categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tags (optional)" hint="Separate with commas, like: outdoors, nature, dogs welcome" meta={fields.tags}>
          {(p) => <input {...getInputProps(fields.tags, { type: "text" })} {...p} />}
        </Field>
      </section>

      <section aria-labelledby="when-heading" className="editor-section">
        <h2 id="when-heading">When it happens</h2>
        <p className="hint">Sessions are created for the next 12 weeks and kept topped up automatically.</p>
        {schedules.map((schedule, index) => (
          <ScheduleFieldset
            key={schedule.key}
            meta={schedule}
            index={index}
            count={schedules.length}
            shows={shows}
            removeButton={
              schedules.length > 1 ? (
                <button className="secondary" {...form.remove.getButtonProps({ name: fields.schedules.name, index })}>
                  Remove this time
                </button>
              ) : null
            }
          />
        ))}
        {fields.schedules.errors?.length ? <p className="field-error">{fields.schedules.errors.join(". ")}</p> : null}
        {schedules.length < MAX_SCHEDULES && (
          <button
            className="secondary"
            {...form.insert.getButtonProps({
              name: fields.schedules.name,
              defaultValue: newScheduleDefaults(today) as unknown as DefaultValue<ScheduleFieldsInput>,
            })}
          >
            Add another time
          </button>
        )}
      </section>

      <section aria-labelledby="where-heading" className="editor-section">
        <h2 id="where-heading">Where</h2>
        <ChoiceGroup legend="Where does it happen?" meta={fields.mode}>
          {getCollectionProps(fields.mode, { type: "radio", options: ["in_person", "online"] }).map((p) => (
            <label className="choice" key={p.key} htmlFor={p.id}>
              <input {...p} key={p.key} />
              {p.value === "in_person" ? "At a place" : "Online"}
            </label>
          ))}
        </ChoiceGroup>
        {shows(fields.mode.value, "in_person") && (
          <div className="place-fields">
            <Field label="Venue or meeting point" hint="Like “St Chad’s Church Hall” or “Main gates of Roundhay Park”" meta={fields.venueName}>
              {(p) => <input {...getInputProps(fields.venueName, { type: "text" })} {...p} />}
            </Field>
            <Field label="Address (optional)" meta={fields.address}>
              {(p) => <input {...getInputProps(fields.address, { type: "text" })} {...p} autoComplete="street-address" />}
            </Field>
            <Field label="Town or city" meta={fields.town}>
              {(p) => <input {...getInputProps(fields.town, { type: "text" })} {...p} autoComplete="address-level2" />}
            </Field>
            <Field label="Postcode" hint="Like LS6 3AB" meta={fields.postcode}>
              {(p) => (
                <input
                  {...getInputProps(fields.postcode, { type: "text" })}
                  {...p}
                  autoComplete="postal-code"
                  className="input-short"
                  autoCapitalize="characters"
                />
              )}
            </Field>
            <h3>Point on the map</h3>
            <p className="hint">
              Press “Find on map”, then drag the pin to where people should meet. Or leave the numbers empty and we will
              place it from the postcode.
            </p>
            <LocationPicker
              lat={fields.lat}
              lng={fields.lng}
              lookupQuery={() => String(fields.postcode.value ?? "") || String(fields.town.value ?? "")}
            />
          </div>
        )}
        {shows(fields.mode.value, "online") && (
          <Field
            label="Joining link (for online sessions)"
            hint="Only people with a booked place see this. It is never shown on the public page or in calendars."
            meta={fields.onlineUrl}
          >
            {(p) => <input {...getInputProps(fields.onlineUrl, { type: "url" })} {...p} placeholder="https://" />}
          </Field>
        )}
      </section>

      <section aria-labelledby="cost-heading" className="editor-section">
        <h2 id="cost-heading">Cost</h2>
        <ChoiceGroup legend="What does it cost?" meta={fields.costType}>
          {getCollectionProps(fields.costType, { type: "radio", options: Object.keys(costTypes) }).map((p) => (
            <label className="choice" key={p.key} htmlFor={p.id}>
              <input {...p} key={p.key} />
              {costTypes[p.value as keyof typeof costTypes]}
            </label>
          ))}
        </ChoiceGroup>
        {shows(fields.costType.value, "paid") && (
          <Field label="Price per session in pounds" hint="Like 4.50" meta={fields.price}>
            {(p) => (
              <span className="input-prefix">
                <span aria-hidden="true">£</span>
                <input {...getInputProps(fields.price, { type: "text" })} {...p} inputMode="decimal" className="input-short" />
              </span>
            )}
          </Field>
        )}
        <Field label="Cost details (optional)" hint="Like “Concessions £2” or “Tea and biscuits 50p”" meta={fields.costDetails}>
          {(p) => <input {...getInputProps(fields.costDetails, { type: "text" })} {...p} />}
        </Field>
        <Field
          label="Offer for people who are referred (optional)"
          hint="Like “First month free when referred by your GP or link worker”"
          meta={fields.referralOffer}
        >
          {(p) => <input {...getInputProps(fields.referralOffer, { type: "text" })} {...p} />}
        </Field>
      </section>

      <section aria-labelledby="join-heading" className="editor-section">
        <h2 id="join-heading">How people join</h2>
        <p>Referrals from GPs, nurses and link workers are always welcome.</p>
        <ChoiceGroup legend="Who else can come?" meta={fields.selfReferral}>
          <label className="choice" htmlFor={fields.selfReferral.id}>
            <input {...getInputProps(fields.selfReferral, { type: "checkbox" })} />
            People can ask for a place themselves (self-referral welcome)
          </label>
          <label className="choice" htmlFor={fields.dropIn.id}>
            <input {...getInputProps(fields.dropIn, { type: "checkbox" })} />
            People can drop in without booking
          </label>
        </ChoiceGroup>
        <ChoiceGroup
          legend="Would you like to speak to people before they join?"
          hint="If yes, you accept each referral yourself. If no, referrals are accepted straight away."
          meta={fields.requiresScreening}
        >
          {getCollectionProps(fields.requiresScreening, { type: "radio", options: ["yes", "no"] }).map((p) => (
            <label className="choice" key={p.key} htmlFor={p.id}>
              <input {...p} key={p.key} />
              {p.value === "yes" ? "Yes, we’d like to speak to people before they join" : "No, people can just come"}
            </label>
          ))}
        </ChoiceGroup>
        <Field label="Places per session" meta={fields.capacity}>
          {(p) => <input {...getInputProps(fields.capacity, { type: "number" })} {...p} min={1} max={500} className="input-short" />}
        </Field>
        <Field
          label="A referral is complete after this many sessions (optional)"
          hint="For a course, like 8. Leave empty for ongoing groups."
          meta={fields.completionSessions}
        >
          {(p) => (
            <input {...getInputProps(fields.completionSessions, { type: "number" })} {...p} min={1} max={104} className="input-short" />
          )}
        </Field>
      </section>

      <section aria-labelledby="suits-heading" className="editor-section">
        <h2 id="suits-heading">Who it suits</h2>
        <ChoiceGroup legend="Tick all that apply (optional)" meta={fields.suitableFor} className="choice-columns">
          {getCollectionProps(fields.suitableFor, { type: "checkbox", options: Object.keys(suitabilityOptions) }).map((p) => (
            <label className="choice" key={p.key} htmlFor={p.id}>
              <input {...p} key={p.key} />
              {suitabilityOptions[p.value as keyof typeof suitabilityOptions]}
            </label>
          ))}
        </ChoiceGroup>
      </section>

      <section aria-labelledby="access-heading" className="editor-section">
        <h2 id="access-heading">Accessibility</h2>
        <ChoiceGroup legend="What does the place or activity offer? (optional)" meta={fields.accessibility} className="choice-columns">
          {getCollectionProps(fields.accessibility, { type: "checkbox", options: Object.keys(accessibilityFeatures) }).map((p) => (
            <label className="choice" key={p.key} htmlFor={p.id}>
              <input {...p} key={p.key} />
              <AccessibilityIcon feature={p.value} />
              {accessibilityFeatures[p.value as keyof typeof accessibilityFeatures]}
            </label>
          ))}
        </ChoiceGroup>
      </section>

      <section aria-labelledby="contact-heading" className="editor-section">
        <h2 id="contact-heading">Contact</h2>
        <p className="hint">Shown on the public page so people can ask questions. Give an email address, a phone number or both.</p>
        <Field label="Contact name (optional)" meta={fields.contactName}>
          {(p) => <input {...getInputProps(fields.contactName, { type: "text" })} {...p} autoComplete="name" />}
        </Field>
        <Field label="Email address" meta={fields.contactEmail}>
          {(p) => <input {...getInputProps(fields.contactEmail, { type: "email" })} {...p} autoComplete="email" />}
        </Field>
        <Field label="Phone number" meta={fields.contactPhone}>
          {(p) => <input {...getInputProps(fields.contactPhone, { type: "tel" })} {...p} autoComplete="tel" />}
        </Field>
      </section>

      <section aria-labelledby="photo-heading" className="editor-section">
        <h2 id="photo-heading">Photo (optional)</h2>
        {photoUrl ? (
          <div className="current-photo">
            <img src={photoUrl} alt="" width={200} />
            <input type="hidden" name={fields.hasPhoto.name} value="on" />
            <label className="choice" htmlFor={fields.removePhoto.id}>
              <input {...getInputProps(fields.removePhoto, { type: "checkbox" })} />
              Remove this photo
            </label>
          </div>
        ) : null}
        <Field
          label={photoUrl ? "Choose a new photo" : "Choose a photo"}
          hint="A JPEG, PNG or WebP picture up to 5 MB. Please only use photos you have permission to share."
          meta={fields.photo}
        >
          {(p) => <input {...getInputProps(fields.photo, { type: "file" })} {...p} accept="image/jpeg,image/png,image/webp" />}
        </Field>
        <Field
          label="Describe the photo"
          hint="For people who cannot see it, like “Walkers on a path through autumn woods”. Needed when there is a photo."
          meta={fields.imageAlt}
        >
          {(p) => <input {...getInputProps(fields.imageAlt, { type: "text" })} {...p} />}
        </Field>
      </section>

      <div className="button-row editor-actions">
        {mode === "new" ? (
          <>
            <button type="submit" name="intent" value="publish" disabled={saving}>
              Publish now
            </button>
            <button type="submit" name="intent" value="save" className="secondary" disabled={saving}>
              Save as a draft
            </button>
          </>
        ) : (
          <>
            <button type="submit" name="intent" value="save" disabled={saving}>
              Save changes
            </button>
            {status === "draft" && (
              <button type="submit" name="intent" value="publish" className="secondary" disabled={saving}>
                Save and publish
              </button>
            )}
          </>
        )}
      </div>
    </Form>
  );
}

function ScheduleFieldset({
  meta,
  index,
  count,
  shows,
  removeButton,
}: {
  meta: FieldMetadata<ScheduleFieldsInput>;
  index: number;
  count: number;
  shows: (value: unknown, wanted: string) => boolean;
  removeButton: React.ReactNode;
}) {
  const s = meta.getFieldset();
  const initialDates = (s.dates.initialValue as (string | undefined)[] | undefined) ?? [];
  const datesErrorId = s.dates.errors?.length ? s.dates.errorId : undefined;
  return (
    <fieldset className="schedule card">
      <legend>{count > 1 ? `Time ${index + 1}` : "Times"}</legend>
      {s.id.initialValue ? <input type="hidden" name={s.id.name} value={String(s.id.initialValue)} /> : null}
      <ChoiceGroup legend="How often?" meta={s.repeat}>
        {getCollectionProps(s.repeat, { type: "radio", options: ["weekly", "monthly", "once"] }).map((p) => (
          <label className="choice" key={p.key} htmlFor={p.id}>
            <input {...p} key={p.key} />
            {p.value === "weekly" ? "Every week (or every few weeks)" : p.value === "monthly" ? "Once a month" : "On set dates"}
          </label>
        ))}
      </ChoiceGroup>

      {shows(s.repeat.value, "weekly") && (
        <div className="repeat-part">
          <ChoiceGroup legend="On which days? (for weekly)" meta={s.days} className="choice-columns">
            {getCollectionProps(s.days, { type: "checkbox", options: [...WEEKDAYS] }).map((p) => (
              <label className="choice" key={p.key} htmlFor={p.id}>
                <input {...p} key={p.key} />
                {dayNames[p.value as keyof typeof dayNames]}
              </label>
            ))}
          </ChoiceGroup>
          <Field label="How many weeks apart? (for weekly)" meta={s.interval}>
            {(p) => (
              <select {...getSelectProps(s.interval)} {...p} className="input-short">
                <option value="1">Every week</option>
                <option value="2">Every 2 weeks</option>
                <option value="3">Every 3 weeks</option>
                <option value="4">Every 4 weeks</option>
              </select>
            )}
          </Field>
        </div>
      )}

      {shows(s.repeat.value, "monthly") && (
        <div className="repeat-part inline-fields">
          <Field label="Which week? (for monthly)" meta={s.nth}>
            {(p) => (
              <select {...getSelectProps(s.nth)} {...p}>
                {Object.entries(nthNames).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Which day? (for monthly)" meta={s.day}>
            {(p) => (
              <select {...getSelectProps(s.day)} {...p}>
                {WEEKDAYS.map((d) => (
                  <option key={d} value={d}>
                    {dayNames[d]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}

      {shows(s.repeat.value, "once") && (
        <fieldset
          className={`field repeat-part${datesErrorId ? " has-error" : ""}`}
          aria-describedby={datesErrorId}
        >
          <legend>Dates (for set dates)</legend>
          <span className="hint">Fill in as many as you need. You can add more dates later from the sessions page.</span>
          <div className="date-grid">
            {Array.from({ length: ONE_OFF_DATE_SLOTS }, (_, i) => (
              <label key={i} htmlFor={`${s.dates.id}-${i}`} className="date-slot">
                <span>Date {i + 1}</span>
                <input
                  type="date"
                  id={`${s.dates.id}-${i}`}
                  name={`${s.dates.name}[${i}]`}
                  defaultValue={initialDates[i] ?? ""}
                  aria-invalid={datesErrorId ? true : undefined}
                />
              </label>
            ))}
          </div>
          {datesErrorId && (
            <p className="field-error" id={datesErrorId}>
              {s.dates.errors!.join(". ")}
            </p>
          )}
        </fieldset>
      )}

      {shows(s.repeat.value === "once" ? "" : "recurring", "recurring") && (
        <div className="inline-fields">
          <Field label="First date" hint="Not needed for set dates" meta={s.startsOn}>
            {(p) => <input {...getInputProps(s.startsOn, { type: "date" })} {...p} />}
          </Field>
          <Field label="Last date (optional)" hint="Leave empty if it carries on" meta={s.until}>
            {(p) => <input {...getInputProps(s.until, { type: "date" })} {...p} />}
          </Field>
        </div>
      )}

      <div className="inline-fields">
        <Field label="Starts at" meta={s.startTime}>
          {(p) => <input {...getInputProps(s.startTime, { type: "time" })} {...p} />}
        </Field>
        <Field label="Ends at" meta={s.endTime}>
          {(p) => <input {...getInputProps(s.endTime, { type: "time" })} {...p} />}
        </Field>
      </div>
      <Field label="Time zone" meta={s.timezone}>
        {(p) => (
          <select {...getSelectProps(s.timezone)} {...p}>
            {timezoneChoices.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {removeButton}
    </fieldset>
  );
}
