'use client';

import { useState, type ReactNode } from 'react';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Button, type ButtonProps } from './button';

// Modal dialogs on react-aria-components: focus moves in and is trapped, Escape and a click
// outside close, focus returns to what opened it, and the page behind is hidden from
// screen readers. Unlike window.confirm, the question is styled and says what will happen.

/** A modal with a title; `children` is its body and buttons. */
export function Dialog({
  isOpen,
  onOpenChange,
  title,
  children,
  role = 'dialog',
}: {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  role?: 'dialog' | 'alertdialog';
}) {
  return (
    <ModalOverlay
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      isDismissable
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4"
    >
      <Modal className="w-full max-w-md rounded-lg bg-white shadow-xl">
        <AriaDialog role={role} className="space-y-4 p-6 outline-none">
          <Heading slot="title" className="text-lg font-semibold text-slate-900">
            {title}
          </Heading>
          {children}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}

/**
 * A button that asks first: "Deactivate Sara Lopez?" with what follows, then runs `onConfirm`.
 * Cancel is focused by default so a stray Enter never confirms.
 */
export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  variant = 'secondary',
  confirmVariant = 'primary',
  disabled,
}: {
  children: ReactNode;
  title: string;
  message?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  variant?: ButtonProps['variant'];
  confirmVariant?: ButtonProps['variant'];
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)} disabled={disabled}>
        {children}
      </Button>
      <Dialog isOpen={open} onOpenChange={setOpen} title={title} role="alertdialog">
        {message && <div className="text-sm text-slate-700">{message}</div>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)} autoFocus>
            Cancel
          </Button>
          <Button
            variant={confirmVariant}
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
