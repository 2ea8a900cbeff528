import { navigate } from '../routing/route';
import { draftForModel, todayUtc } from './price-form';
import { usePriceEditorStore } from './price-editor-store';

/** Opens Settings › Prices with a new price for `model` filled in (from an unpriced step of a run). */
export function addPriceForModel(model: string, provider: string | null, fromTraceId: string | null): void {
  usePriceEditorStore.getState().open('new', draftForModel(model, provider, todayUtc()), fromTraceId);
  navigate({ page: 'settings', section: 'prices' });
}
