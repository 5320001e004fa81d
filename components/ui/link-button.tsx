import Link from 'next/link';
import type { AnchorHTMLAttributes, ReactNode } from 'react';
import { buttonClass, type ButtonSize, type ButtonVariant } from './button';

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  href: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  children: ReactNode;
};

/**
 * A link styled as a button. Downloads (`download`) and route handlers are plain anchors: the
 * client router would fetch them as a page.
 */
export function LinkButton({
  href,
  variant = 'secondary',
  size = 'md',
  className = '',
  children,
  ...props
}: Props) {
  const classes = buttonClass(variant, size, className);
  if (props.download !== undefined) {
    return (
      <a href={href} className={classes} {...props}>
        {children}
      </a>
    );
  }
  return (
    <Link href={href} className={classes} {...props}>
      {children}
    </Link>
  );
}
