// The frame of a modal dialog: the dimmed overlay (a click on it closes, unless `busy`), the card
// with its dialog role, its title and ✕, keys kept from the view underneath, and the keyboard and
// focus rules of useModal (`first` has the focus on open; Esc and ✕ call onClose).
import { useId, useRef, type KeyboardEvent as ReactKeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useModal } from './useModal.ts';

export interface ModalCardProps {
  title: string;
  /** Extra class of the card (the dialog's own layout). */
  className: string;
  testId: string;
  first: RefObject<HTMLElement | null>;
  onClose: () => void;
  /** A job runs: the overlay click does not close. */
  busy: boolean;
  /** The ✕ is disabled (the dialog cannot be closed now). */
  closeDisabled?: boolean;
  children: ReactNode;
}

export function ModalCard({ title, className, testId, first, onClose, busy, closeDisabled, children }: ModalCardProps) {
  const id = useId();
  const card = useRef<HTMLDivElement>(null);
  useModal(card, first, onClose);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div
        ref={card}
        className={`overlay-card ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        data-testid={testId}
        onKeyDown={(e: ReactKeyboardEvent) => e.stopPropagation()}
      >
        <div className="card-head">
          <h1 id={`${id}-title`}>{title}</h1>
          <span className="spacer" />
          <button type="button" className="btn btn-small btn-quiet" onClick={onClose} disabled={closeDisabled} aria-label="Close" title="Close (Esc)">✕</button>
        </div>
        {children}
      </div>
    </div>
  );
}
