// Submitting an external quote (对外报价): items, currency, discount and margin. The approval rules
// route it; the answer says whether it waits for approval and at which levels. After a rejection the
// form starts from the rejected quote, to change what the approver asked for.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Customer, Quote, QuoteSubmitted } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { moneyText, useFormat } from '../../format.js';
import { ActionForm, compact } from '../../components/action-form.js';
import { formTotal } from './quote-form-total.js';
import { useQuotes } from './quote-state.js';

interface Item {
  key: number;
  /** Kept from a rejected quote's item (the form has no field for it). */
  sku?: string;
  description: string;
  quantity: string;
  unitPrice: string;
}

let itemSeq = 0;
const newItem = (): Item => ({ key: ++itemSeq, description: '', quantity: '', unitPrice: '' });
const EMPTY = { currency: 'USD', amountUsd: '', discountPct: '0', marginPct: '', validUntil: '', note: '' };

/** The form's values from a quote (a rejected one, to revise). A validity date that has passed is left out. */
function valuesOf(q: Quote, today: string) {
  return {
    values: {
      currency: q.currency,
      amountUsd: q.currency === 'USD' ? '' : String(q.amountUsd),
      discountPct: String(q.discountPct),
      marginPct: String(q.marginPct),
      validUntil: q.validUntil && q.validUntil >= today ? q.validUntil : '',
      note: q.note ?? '',
    },
    items: q.items.map((i) => ({ key: ++itemSeq, ...(i.sku ? { sku: i.sku } : {}), description: i.description, quantity: String(i.quantity), unitPrice: String(i.unitPrice) })),
  };
}

export function QuoteForm({ customer, onDone, onCancel }: { customer: Customer; onDone: (r: QuoteSubmitted) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [v, setV] = useState(EMPTY);
  const [items, setItems] = useState<Item[]>(() => [newItem()]);
  // The latest quote, when the approver rejected it: its values fill the form once, before any typing.
  const latest = useQuotes(customer.id).data?.items[0];
  const [revising, setRevising] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (touched || revising !== null || latest?.status !== 'rejected' || latest.items.length === 0) return;
    const from = valuesOf(latest, new Date().toISOString().slice(0, 10));
    setV(from.values);
    setItems(from.items);
    setRevising(latest.id);
  }, [latest, touched, revising]);
  const currency = v.currency.trim().toUpperCase();
  const total = formTotal(items);
  const submit = useAction({
    mutationFn: () =>
      api.post<QuoteSubmitted>(`/customers/${encodeURIComponent(customer.id)}/quotes`, {
        ...compact({ validUntil: v.validUntil, note: v.note }),
        currency,
        ...(currency !== 'USD' && v.amountUsd.trim() ? { amountUsd: Number(v.amountUsd) } : {}),
        discountPct: Number(v.discountPct),
        marginPct: Number(v.marginPct),
        items: items.map((i) => ({ ...(i.sku ? { sku: i.sku } : {}), description: i.description.trim(), quantity: Number(i.quantity), unitPrice: Number(i.unitPrice) })),
      }),
    onSuccess: onDone,
  });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => {
    setTouched(true);
    setV({ ...v, [k]: e.target.value });
  };
  const setItem = (key: number, field: 'description' | 'quantity' | 'unitPrice') => (e: { target: { value: string } }) => {
    setTouched(true);
    setItems(items.map((i) => (i.key === key ? { ...i, [field]: e.target.value } : i)));
  };
  const money = moneyText(f.locale, total, currency);

  return (
    <ActionForm label={`${t('stage.quote')}: ${customer.companyName}`} submit={t('quote.submit')} mutation={submit} onCancel={onCancel} className="quote-form">
      {revising !== null && latest?.id === revising ? (
        <p className="muted" data-testid="quote-revising">
          {t('quote.revising', { reason: latest.rejectionReason ?? '' })}
        </p>
      ) : null}
      <div className="inline-form">
        <Field label={t('stage.currency')}>
          {(id) => <input id={id} required value={v.currency} maxLength={3} pattern="[A-Za-z]{3}" size={4} onChange={set('currency')} autoFocus />}
        </Field>
        <Field label={t('quote.discountPct')} help={t('quote.discountHelp')}>
          {(id) => <input id={id} required type="number" min={0} max={100} step="any" inputMode="decimal" value={v.discountPct} onChange={set('discountPct')} />}
        </Field>
        <Field label={t('quote.marginPct')}>
          {(id) => <input id={id} required type="number" min={-100} max={100} step="any" inputMode="decimal" value={v.marginPct} onChange={set('marginPct')} />}
        </Field>
        {currency !== 'USD' ? (
          <Field label={t('quote.amountUsd')} help={t('quote.amountUsdHelp')}>
            {(id) => <input id={id} required type="number" min={0} step="any" inputMode="decimal" value={v.amountUsd} onChange={set('amountUsd')} />}
          </Field>
        ) : null}
        <Field label={t('quote.validUntil')}>{(id) => <input id={id} type="date" value={v.validUntil} onChange={set('validUntil')} />}</Field>
      </div>
      <fieldset className="items">
        <legend>{t('quote.items')}</legend>
        {items.map((item, n) => (
          <div key={item.key} className="inline-form item" role="group" aria-label={t('quote.item', { n: n + 1 })}>
            <Field label={t('quote.description', { n: n + 1 })}>
              {(id) => <input id={id} required value={item.description} maxLength={500} onChange={setItem(item.key, 'description')} />}
            </Field>
            <Field label={t('quote.quantity', { n: n + 1 })}>
              {(id) => <input id={id} required type="number" min={0} step="any" inputMode="decimal" value={item.quantity} onChange={setItem(item.key, 'quantity')} />}
            </Field>
            <Field label={t('quote.unitPrice', { n: n + 1 })}>
              {(id) => <input id={id} required type="number" min={0} step="any" inputMode="decimal" value={item.unitPrice} onChange={setItem(item.key, 'unitPrice')} />}
            </Field>
            {items.length > 1 ? (
              <button type="button" className="secondary" onClick={() => setItems(items.filter((i) => i.key !== item.key))}>
                {t('quote.removeItem', { n: n + 1 })}
              </button>
            ) : null}
          </div>
        ))}
        <div className="buttons">
          <button type="button" className="secondary" onClick={() => setItems([...items, newItem()])}>
            {t('quote.addItem')}
          </button>
          <output className="total" aria-live="polite">
            {t('quote.total', { amount: money })}
          </output>
        </div>
      </fieldset>
      <Field label={t('mine.note')}>{(id) => <input id={id} value={v.note} maxLength={5000} onChange={set('note')} />}</Field>
    </ActionForm>
  );
}
