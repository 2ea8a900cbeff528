import { type FormEvent, type InputHTMLAttributes, type ReactNode, useId, useState } from 'react';
import { toApiError } from '../api/api-client';
import type { PriceEditing } from './price-editor-store';
import {
  type PriceEntry,
  type PriceFormErrors,
  type PriceFormField,
  type PriceFormValues,
  formToPrice,
  markAsFree,
  modelMatchPattern,
  patternMatchesModel,
} from './price-form';

interface PriceFormProps {
  editing: PriceEditing;
  /** Provider ids already in use, offered as suggestions. */
  providers: readonly string[];
  onSave: (entry: PriceEntry) => Promise<void>;
  onCancel: () => void;
}

const RATE_FIELDS: readonly { field: PriceFormField; label: string; placeholder: string }[] = [
  { field: 'inputPerMTok', label: 'Input', placeholder: '' },
  { field: 'outputPerMTok', label: 'Output', placeholder: '' },
  { field: 'cacheReadPerMTok', label: 'Cache read', placeholder: '= input' },
  { field: 'cacheWritePerMTok', label: 'Cache write', placeholder: '= input' },
  { field: 'reasoningPerMTok', label: 'Reasoning', placeholder: '= output' },
];

/** Adds or edits one user price. A new price's match follows its model name until the match is edited. */
export function PriceForm({ editing, providers, onSave, onCancel }: PriceFormProps) {
  const [values, setValues] = useState<PriceFormValues>(editing.values);
  // A fresh form keeps the match in step with the model name, until the user types a pattern of their own.
  const [matchFollowsModel, setMatchFollowsModel] = useState(
    editing.mode === 'new' && editing.values.match === modelMatchPattern(editing.values.model),
  );
  const [errors, setErrors] = useState<PriceFormErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const providerListId = `${id}-providers`;

  const set = (field: PriceFormField, value: string) => {
    setValues((previous) => {
      const next = { ...previous, [field]: value };
      if (field === 'model' && matchFollowsModel) next.match = modelMatchPattern(value);
      return next;
    });
    if (field === 'match') setMatchFollowsModel(false);
    if (errors[field] !== undefined) setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = formToPrice(values);
    if (result.errors !== null) {
      setErrors(result.errors);
      return;
    }
    setSaving(true);
    setSubmitError(null);
    onSave(result.entry).then(
      () => {
        setSaving(false);
      },
      (error: unknown) => {
        setSaving(false);
        setSubmitError(toApiError(error).message);
      },
    );
  };

  const matchCheck = patternMatchesModel(values.match, values.model);
  const title =
    editing.mode === 'edit'
      ? `Edit your price for ${editing.values.model}`
      : editing.mode === 'override'
        ? `Override the built-in price for ${editing.values.model}`
        : editing.values.model !== ''
          ? `Add a price for ${editing.values.model}`
          : 'Add a price';

  const field = (name: PriceFormField, label: string, input: ReactNode, hint?: ReactNode) => (
    <div className={errors[name] ? 'form-field has-error' : 'form-field'} data-field={name}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
      {errors[name] !== undefined ? (
        <span className="form-field__error" role="alert">
          {errors[name]}
        </span>
      ) : (
        hint !== undefined && <span className="form-field__hint">{hint}</span>
      )}
    </div>
  );

  const textInput = (name: PriceFormField, extra: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input
      id={`${id}-${name}`}
      name={name}
      value={values[name]}
      aria-invalid={errors[name] !== undefined}
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => {
        set(name, event.target.value);
      }}
      {...extra}
    />
  );

  return (
    <form className="price-form" data-testid="price-form" data-mode={editing.mode} onSubmit={submit} noValidate>
      <div className="price-form__head">
        <h2 className="price-form__title">{title}</h2>
        {editing.mode === 'override' && (
          <span className="muted">Saved as your own price with the same match; yours wins over the built-in one.</span>
        )}
      </div>
      <div className="price-form__grid price-form__grid--names">
        {field(
          'model',
          'Model',
          textInput('model', { autoFocus: values.model === '', placeholder: 'e.g. llama3.2:3b' }),
        )}
        {field(
          'provider',
          'Provider',
          <>
            {textInput('provider', { list: providerListId, placeholder: 'any' })}
            <datalist id={providerListId}>
              {providers.map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
          </>,
          'Empty: any provider',
        )}
        {field(
          'match',
          'Match pattern',
          textInput('match', { className: 'mono', placeholder: 'gpt-4o(?:-\\d{4}-\\d{2}-\\d{2})?' }),
          matchCheck === null ? (
            'Regular expression, whole name, any case, without provider prefix'
          ) : matchCheck ? (
            <span className="match-check is-ok" data-testid="match-check" data-matches="true">
              ✓ matches “{values.model.trim()}”
            </span>
          ) : (
            <span className="match-check is-bad" data-testid="match-check" data-matches="false">
              ✗ does not match “{values.model.trim()}”
            </span>
          ),
        )}
      </div>
      <fieldset className="price-form__rates">
        <legend>USD per million tokens</legend>
        <div className="price-form__grid price-form__grid--rates">
          {RATE_FIELDS.map(({ field: name, label, placeholder }) =>
            field(
              name,
              label,
              <span className="money-input">
                <span aria-hidden="true">$</span>
                {textInput(name, { inputMode: 'decimal', placeholder })}
              </span>,
            ),
          )}
        </div>
      </fieldset>
      <div className="price-form__grid price-form__grid--meta">
        {field(
          'effectiveFrom',
          'Effective from',
          textInput('effectiveFrom', { type: 'date' }),
          'Calls from this day (UTC); the earliest price also covers older calls',
        )}
        {field('note', 'Note', textInput('note', { placeholder: 'optional' }))}
      </div>
      {submitError !== null && (
        <div className="form-error" role="alert" data-testid="price-form-error">
          {submitError}
        </div>
      )}
      <div className="price-form__actions">
        <button type="submit" className="button button--primary" data-testid="price-save" disabled={saving}>
          {saving ? 'Saving…' : 'Save price'}
        </button>
        <button type="button" className="button" data-testid="price-cancel" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
        <span className="price-form__spacer" />
        <button
          type="button"
          className="button"
          data-testid="price-mark-free"
          title="Set every rate to $0: the model runs locally and costs nothing"
          disabled={saving}
          onClick={() => {
            setValues(markAsFree);
            setErrors({});
          }}
        >
          Mark as free (local model)
        </button>
      </div>
    </form>
  );
}
