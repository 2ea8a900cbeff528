/** The controls of the filter bar: labelled selects, the time range, date-times and text fields. */
import { type ReactNode, useRef, useState } from 'react';
import { RANGE_PRESETS, type RangePreset, type TimeRange } from '../routing/view-query';
import { fromLocalDateTimeInput, toLocalDateTimeInput } from './filter-inputs';

const RANGE_LABELS: Record<RangePreset | 'all' | 'custom', string> = {
  all: 'All time',
  '15m': 'Last 15 min',
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  custom: 'Custom…',
};

/** The facet values, with the current value added when the data no longer has it (an old link). */
export function withCurrent<T extends string>(values: readonly T[], current: T | null): T[] {
  return current === null || values.includes(current) ? [...values] : [current, ...values];
}

function FieldFrame({ label, isSet, children }: { label: string; isSet: boolean; children: ReactNode }) {
  return (
    <label className={isSet ? 'filter-field is-set' : 'filter-field'}>
      <span className="filter-field__label">{label}</span>
      {children}
    </label>
  );
}

interface SelectFieldProps<T extends string> {
  label: string;
  testId: string;
  value: T | null;
  allLabel: string;
  options: readonly { value: T; label: string }[];
  onChange: (value: T | null) => void;
}

export function SelectField<T extends string>({
  label,
  testId,
  value,
  allLabel,
  options,
  onChange,
}: SelectFieldProps<T>) {
  return (
    <FieldFrame label={label} isSet={value !== null}>
      <select
        className="filter-field__control"
        data-testid={testId}
        value={value ?? ''}
        onChange={(event) => {
          const next = event.currentTarget.value;
          onChange(next === '' ? null : (options.find((o) => o.value === next)?.value ?? null));
        }}
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function RangeControl({ range, onChange }: { range: TimeRange; onChange: (range: TimeRange) => void }) {
  const selected = range.kind === 'all' ? 'all' : range.kind === 'last' ? range.preset : 'custom';
  return (
    <>
      <FieldFrame label="Time" isSet={range.kind !== 'all'}>
        <select
          className="filter-field__control"
          data-testid="filter-range"
          value={selected}
          onChange={(event) => {
            const next = event.currentTarget.value;
            if (next === 'all') onChange({ kind: 'all' });
            else if (next === 'custom') {
              // Start from the last hour, to the minute; the user edits the bounds from there.
              const now = Math.floor(Date.now() / 60_000) * 60_000;
              onChange({ kind: 'between', fromMs: now - 3_600_000, toMs: null });
            } else {
              const preset = RANGE_PRESETS.find((p) => p === next);
              if (preset !== undefined) onChange({ kind: 'last', preset });
            }
          }}
        >
          <option value="all">{RANGE_LABELS.all}</option>
          {RANGE_PRESETS.map((p) => (
            <option key={p} value={p}>
              {RANGE_LABELS[p]}
            </option>
          ))}
          <option value="custom">{RANGE_LABELS.custom}</option>
        </select>
      </FieldFrame>
      {range.kind === 'between' && (
        <>
          <DateTimeField
            label="From"
            testId="filter-from"
            value={range.fromMs}
            onChange={(fromMs) => {
              onChange({ ...range, fromMs });
            }}
          />
          <DateTimeField
            label="To"
            testId="filter-to"
            value={range.toMs}
            onChange={(toMs) => {
              onChange({ ...range, toMs });
            }}
          />
        </>
      )}
    </>
  );
}

function DateTimeField(props: {
  label: string;
  testId: string;
  value: number | null;
  onChange: (ms: number | null) => void;
}) {
  return (
    <FieldFrame label={props.label} isSet={props.value !== null}>
      <input
        // Re-created when the URL changes the bound, so the field shows it.
        key={props.value ?? 'none'}
        type="datetime-local"
        className="filter-field__control filter-field__control--time"
        data-testid={props.testId}
        defaultValue={props.value === null ? '' : toLocalDateTimeInput(props.value)}
        onBlur={(event) => {
          const ms = fromLocalDateTimeInput(event.currentTarget.value);
          if (ms !== props.value) props.onChange(ms);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.currentTarget.blur();
        }}
      />
    </FieldFrame>
  );
}

interface TextFieldProps<T> {
  label: string;
  testId: string;
  placeholder: string;
  value: T | null;
  format: (value: T) => string;
  parse: (text: string) => T | null;
  invalidHint?: string;
  width?: 'narrow' | 'wide';
  onChange: (value: T | null) => void;
}

/** A free-form field applied on Enter or when it loses focus; text it cannot read is flagged, not applied. */
export function TextField<T>(props: TextFieldProps<T>) {
  const shown = props.value === null ? '' : props.format(props.value);
  // The draft follows the URL whenever the applied value changes (Back, Clear filters).
  const [draft, setDraft] = useState({ text: shown, base: shown });
  const text = draft.base === shown ? draft.text : shown;
  if (draft.base !== shown) setDraft({ text: shown, base: shown });

  const parsed = text.trim() === '' ? null : props.parse(text);
  const invalid = text.trim() !== '' && parsed === null;
  /** Set by Esc: the blur that follows drops the edit instead of applying it. */
  const cancelled = useRef(false);
  const commit = () => {
    if (cancelled.current) {
      cancelled.current = false;
      return;
    }
    if (invalid) return;
    const current = props.value === null ? '' : props.format(props.value);
    const next = parsed === null ? '' : props.format(parsed);
    if (next !== current) props.onChange(parsed);
    else setDraft({ text: shown, base: shown });
  };

  return (
    <FieldFrame label={props.label} isSet={props.value !== null}>
      <input
        type="text"
        className={`filter-field__control filter-field__control--${props.width ?? 'narrow'}`}
        data-testid={props.testId}
        placeholder={props.placeholder}
        value={text}
        spellCheck={false}
        aria-invalid={invalid || undefined}
        title={invalid ? props.invalidHint : undefined}
        onChange={(event) => {
          setDraft({ text: event.currentTarget.value, base: shown });
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') {
            cancelled.current = true;
            setDraft({ text: shown, base: shown });
            event.currentTarget.blur();
          }
        }}
      />
    </FieldFrame>
  );
}
