import type { ComponentProps } from 'react';

// The one place for what a button looks like: `<Button>` and `<LinkButton>` both read it, so a
// link that acts like a button ("New incident", "Export CSV") can never drift from the real one.
const VARIANTS = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700 disabled:bg-slate-400',
  secondary:
    'border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-400',
  danger: 'bg-red-600 text-white hover:bg-red-700 disabled:bg-slate-400',
  ghost: 'text-slate-700 hover:bg-slate-100',
} as const;

const SIZES = {
  md: 'px-3.5 py-2',
  sm: 'px-2.5 py-1',
} as const;

export type ButtonVariant = keyof typeof VARIANTS;
export type ButtonSize = keyof typeof SIZES;

export function buttonClass(
  variant: ButtonVariant = 'primary',
  size: ButtonSize = 'md',
  className = '',
): string {
  return `inline-flex items-center justify-center gap-2 rounded-md text-sm font-medium motion-safe:transition-colors disabled:cursor-not-allowed ${SIZES[size]} ${VARIANTS[variant]} ${className}`;
}

// ComponentProps (not ButtonHTMLAttributes) so a ref passes through, as React 19 allows.
export type ButtonProps = ComponentProps<'button'> & { variant?: ButtonVariant; size?: ButtonSize };

export function Button({
  variant = 'primary',
  size = 'md',
  className = '',
  type = 'button',
  ...props
}: ButtonProps) {
  return <button type={type} className={buttonClass(variant, size, className)} {...props} />;
}
