import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { OptionChoices } from "~/components/forms/choice-group";
import { Field } from "~/components/forms/field";
import { preferredContactOptions, referralReasons } from "~/modules/referrals";

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface PersonFieldMetas {
  firstName: FieldMetadata<any>;
  lastName: FieldMetadata<any>;
  email: FieldMetadata<any>;
  phone: FieldMetadata<any>;
  preferredContact: FieldMetadata<any>;
  reasons: FieldMetadata<any>;
  notes: FieldMetadata<any>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The person's details, worded for a referrer ("they") or for the person ("you"). */
export function PersonFields({ fields, voice }: { fields: PersonFieldMetas; voice: "they" | "you" }) {
  const their = voice === "they" ? "Their" : "Your";
  return (
    <>
      <fieldset>
        <legend className="legend-large">{voice === "they" ? "About the person" : "About you"}</legend>
        <Field label={`${their} first name`} meta={fields.firstName}>
          {(props) => <input {...getInputProps(fields.firstName, { type: "text" })} {...props} autoComplete={voice === "you" ? "given-name" : "off"} />}
        </Field>
        <Field label={`${their} last name`} hint="Or just the first letter of it" meta={fields.lastName}>
          {(props) => <input {...getInputProps(fields.lastName, { type: "text" })} {...props} autoComplete={voice === "you" ? "family-name" : "off"} />}
        </Field>
      </fieldset>

      <fieldset>
        <legend className="legend-large">How to get in touch</legend>
        <p className="hint" id="contact-hint">
          {voice === "they"
            ? "An email address or a UK mobile number, or both. Their private link is sent there."
            : "An email address or a UK mobile number, or both. We send your private link there."}
        </p>
        <Field label="Email address" meta={fields.email}>
          {(props) => <input {...getInputProps(fields.email, { type: "email" })} {...props} autoComplete={voice === "you" ? "email" : "off"} spellCheck={false} />}
        </Field>
        <Field label="UK mobile number" hint="For example 07700 900123" meta={fields.phone}>
          {(props) => <input {...getInputProps(fields.phone, { type: "tel" })} {...props} autoComplete={voice === "you" ? "tel" : "off"} inputMode="tel" />}
        </Field>
        <OptionChoices
          legend={voice === "they" ? "How would they like to be contacted? (optional)" : "How would you like to be contacted? (optional)"}
          meta={fields.preferredContact}
          type="radio"
          options={preferredContactOptions}
        />
      </fieldset>

      <OptionChoices
        legend={voice === "they" ? "What matters to them" : "What would you like help with? (optional)"}
        hint="Choose any that apply"
        meta={fields.reasons}
        type="checkbox"
        options={referralReasons}
      />

      <Field
        label={voice === "they" ? "Notes for the organiser (optional)" : "Anything the organiser should know? (optional)"}
        hint={voice === "they" ? "Anything that will help them welcome the person, such as access needs. The organiser sees this." : "For example access needs, or if you would like to bring someone with you."}
        meta={fields.notes}
      >
        {(props) => <textarea {...getTextareaProps(fields.notes)} {...props} rows={4} />}
      </Field>
    </>
  );
}
