/**
 * A confirmation as a real modal dialog (React Aria's ModalOverlay/Modal/Dialog): focus moves into
 * it and stays there, the page behind is hidden from screen readers and inert, Escape or a click
 * outside closes it (unless `busy`), and focus goes back to what opened it. The caller puts
 * `autoFocus` on the safe choice.
 */
import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  title: ReactNode;
  /** While the action runs, the dialog cannot be dismissed (its answer is shown in it). */
  busy?: boolean;
  /** 'alertdialog' for a destructive, irreversible action. */
  role?: 'dialog' | 'alertdialog';
  testId?: string;
  /** A wider dialog (the print preview). */
  wide?: boolean;
  children: ReactNode;
}

export function ModalDialog({ isOpen, onClose, title, busy, role = 'alertdialog', testId, wide, children }: Props) {
  return (
    <ModalOverlay
      className="rac-overlay"
      isOpen={isOpen}
      onOpenChange={(open) => !open && onClose()}
      isDismissable={!busy}
      isKeyboardDismissDisabled={busy}
    >
      <Modal className={wide ? 'rac-modal wide' : 'rac-modal'}>
        <Dialog className="rac-dialog" role={role} data-testid={testId}>
          <Heading slot="title" className="rac-dialog-title">{title}</Heading>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
