// Inquiry, costing, sample and won: one small form each, posting to the customer's stage route.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useAction } from '../../api/use-action.js';
import type { Customer, Ownership } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { ActionForm, compact } from '../../components/action-form.js';
import { MOVE_PATH, type Move } from './moves.js';

interface Props {
  customer: Customer;
  onDone: (r: Ownership) => void;
  onCancel: () => void;
}

function useMove(customer: Customer, move: Exclude<Move, 'quote'>, body: () => Record<string, unknown>, onDone: (r: Ownership) => void) {
  return useAction({
    mutationFn: () => api.post<Ownership>(`/customers/${encodeURIComponent(customer.id)}/${MOVE_PATH[move]}`, body()),
    onSuccess: onDone,
  });
}

const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

export function InquiryForm({ customer, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState({ products: '', quantity: '', targetPrice: '', note: '' });
  const move = useMove(customer, 'inquiry', () => compact({ ...v, products: v.products.split(/[,，;；\n]+/).map((p) => p.trim()).filter(Boolean) }), onDone);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <ActionForm label={`${t('stage.inquiry')}: ${customer.companyName}`} submit={t('stage.inquiry')} mutation={move} onCancel={onCancel}>
      <Field label={t('stage.products')} help={t('stage.productsHelp')}>
        {(id) => <input id={id} value={v.products} onChange={set('products')} autoFocus />}
      </Field>
      <Field label={t('stage.quantity')}>{(id) => <input id={id} value={v.quantity} maxLength={120} onChange={set('quantity')} />}</Field>
      <Field label={t('stage.targetPrice')}>{(id) => <input id={id} value={v.targetPrice} maxLength={120} onChange={set('targetPrice')} />}</Field>
      <Field label={t('mine.note')}>{(id) => <input id={id} value={v.note} maxLength={5000} onChange={set('note')} />}</Field>
    </ActionForm>
  );
}

export function CostingForm({ customer, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState({ factory: '', unitCost: '', currency: 'CNY', note: '' });
  const move = useMove(customer, 'costing', () => compact({ ...v, unitCost: num(v.unitCost), currency: v.unitCost.trim() ? v.currency.toUpperCase() : undefined }), onDone);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <ActionForm label={`${t('stage.costing')}: ${customer.companyName}`} submit={t('stage.costing')} mutation={move} onCancel={onCancel}>
      <Field label={t('stage.factory')}>{(id) => <input id={id} value={v.factory} maxLength={200} onChange={set('factory')} autoFocus />}</Field>
      <Field label={t('stage.unitCost')}>
        {(id) => <input id={id} type="number" min={0} step="any" inputMode="decimal" value={v.unitCost} onChange={set('unitCost')} />}
      </Field>
      <Field label={t('stage.currency')}>
        {(id) => <input id={id} value={v.currency} maxLength={3} pattern="[A-Za-z]{3}" size={4} onChange={set('currency')} />}
      </Field>
      <Field label={t('mine.note')}>{(id) => <input id={id} value={v.note} maxLength={5000} onChange={set('note')} />}</Field>
    </ActionForm>
  );
}

export function SampleForm({ customer, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState({ kind: 'make', trackingNumber: '', note: '' });
  const move = useMove(customer, 'sample', () => compact(v), onDone);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <ActionForm label={`${t('stage.sample')}: ${customer.companyName}`} submit={t('stage.sample')} mutation={move} onCancel={onCancel}>
      <Field label={t('stage.sampleKind')}>
        {(id) => (
          <select id={id} value={v.kind} onChange={set('kind')} autoFocus>
            <option value="make">{t('stage.sampleKinds.make')}</option>
            <option value="send">{t('stage.sampleKinds.send')}</option>
          </select>
        )}
      </Field>
      <Field label={t('stage.trackingNumber')}>{(id) => <input id={id} value={v.trackingNumber} maxLength={120} onChange={set('trackingNumber')} />}</Field>
      <Field label={t('mine.note')}>{(id) => <input id={id} value={v.note} maxLength={5000} onChange={set('note')} />}</Field>
    </ActionForm>
  );
}

export function WonForm({ customer, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState({ orderValueUsd: '', note: '' });
  const move = useMove(customer, 'won', () => compact({ ...v, orderValueUsd: num(v.orderValueUsd) }), onDone);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <ActionForm label={`${t('stage.won')}: ${customer.companyName}`} submit={t('stage.wonSubmit')} mutation={move} onCancel={onCancel}>
      <Field label={t('stage.orderValueUsd')}>
        {(id) => <input id={id} type="number" min={0} step="any" inputMode="decimal" value={v.orderValueUsd} onChange={set('orderValueUsd')} autoFocus />}
      </Field>
      <Field label={t('mine.note')}>{(id) => <input id={id} value={v.note} maxLength={5000} onChange={set('note')} />}</Field>
      <p className="muted">{t('stage.wonHelp')}</p>
    </ActionForm>
  );
}
