import type { StepKind } from '../../../shared/domain/step';
import { STEP_KIND_LABELS, STEP_KIND_TITLES } from './step-kind-labels';

/** The kind of a step (LLM, tool, agent…), coloured by kind. */
export function KindBadge({ kind }: { kind: StepKind }) {
  return (
    <span className="kind-badge" data-kind={kind} title={STEP_KIND_TITLES[kind]}>
      {STEP_KIND_LABELS[kind]}
    </span>
  );
}
