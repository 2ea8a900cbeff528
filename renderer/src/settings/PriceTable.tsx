import { memo } from 'react';
import type { ModelPrice } from '../../../shared/domain/price';
import { isFreePrice } from '../../../shared/domain/price';
import { formatRate } from './format-rate';
import type { PriceRow } from './price-rows';

interface PriceTableProps {
  rows: readonly PriceRow[];
  /** Whether any price exists at all (else the search found nothing). */
  total: number;
  busy: boolean;
  onEdit: (price: ModelPrice) => void;
  onDelete: (price: ModelPrice) => void;
}

/** Built-in and user prices, USD per million tokens. */
export function PriceTable({ rows, total, busy, onEdit, onDelete }: PriceTableProps) {
  return (
    <div className="price-table__scroller">
      <table className="price-table" data-testid="price-table">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Model</th>
            <th scope="col">Match</th>
            <th scope="col" className="num" title="USD per million input tokens">
              Input
            </th>
            <th scope="col" className="num" title="USD per million output tokens">
              Output
            </th>
            <th scope="col" className="num" title="USD per million cache-read input tokens (empty: the input price)">
              Cache read
            </th>
            <th scope="col" className="num" title="USD per million cache-write input tokens (empty: the input price)">
              Cache write
            </th>
            <th scope="col" className="num" title="USD per million reasoning tokens (empty: the output price)">
              Reasoning
            </th>
            <th scope="col">From</th>
            <th scope="col">Source</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <PriceTableRow key={row.price.id} row={row} busy={busy} onEdit={onEdit} onDelete={onDelete} />
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={11} className="price-table__empty muted">
                {total === 0 ? 'No prices.' : 'No price matches the search.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

interface PriceTableRowProps {
  row: PriceRow;
  busy: boolean;
  onEdit: (price: ModelPrice) => void;
  onDelete: (price: ModelPrice) => void;
}

const PriceTableRow = memo(function PriceTableRow({ row, busy, onEdit, onDelete }: PriceTableRowProps) {
  const { price, overridden } = row;
  const user = price.source === 'user';
  return (
    <tr
      className={overridden ? 'price-row is-overridden' : 'price-row'}
      data-testid="price-row"
      data-price-id={price.id}
      data-source={price.source}
    >
      <td className="price-row__provider">
        {price.provider === '' ? <span className="muted">any</span> : price.provider}
      </td>
      <td className="price-row__model">
        <div
          className="price-row__clip"
          title={price.note !== undefined ? `${price.model} — ${price.note}` : price.model}
        >
          <span>{price.model}</span>
          {price.note !== undefined && <span className="price-row__note">{price.note}</span>}
        </div>
      </td>
      <td className="price-row__match">
        <div className="price-row__clip" title={price.match}>
          <code>{price.match}</code>
        </div>
      </td>
      <td className="num">{rate(price.inputPerMTok)}</td>
      <td className="num">{rate(price.outputPerMTok)}</td>
      <td className="num">{rate(price.cacheReadPerMTok)}</td>
      <td className="num">{rate(price.cacheWritePerMTok)}</td>
      <td className="num">{rate(price.reasoningPerMTok)}</td>
      <td className="price-row__date">{price.effectiveFrom}</td>
      <td>
        {user ? (
          <span className="source-badge source-badge--user">yours</span>
        ) : overridden ? (
          <span
            className="source-badge source-badge--overridden"
            title="Built-in, overridden: one of your prices has the same match and wins"
          >
            overridden
          </span>
        ) : (
          <span className="source-badge">built-in</span>
        )}
        {isFreePrice(price) && <span className="source-badge source-badge--free">free</span>}
      </td>
      <td className="price-row__actions">
        <button
          type="button"
          className="button button--small"
          data-testid="price-edit"
          disabled={busy}
          title={user ? 'Edit this price' : 'Create your own price with the same match (yours wins)'}
          onClick={() => {
            onEdit(price);
          }}
        >
          {user ? 'Edit' : 'Override'}
        </button>
        {user && (
          <button
            type="button"
            className="button button--small button--danger"
            data-testid="price-delete"
            disabled={busy}
            onClick={() => {
              onDelete(price);
            }}
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
});

/** "$2.50", "$0.075", "$0"; a dash when the rate falls back to another one. */
function rate(value: number | undefined) {
  if (value === undefined) return <span className="muted">—</span>;
  return `$${formatRate(value)}`;
}
