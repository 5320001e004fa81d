'use client';

import { useState, type ReactNode } from 'react';
import {
  Autocomplete,
  Button,
  ComboBox,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  ListLayout,
  Popover,
  SearchField,
  Text,
  useFilter,
  Virtualizer,
  type Key,
  type Selection,
} from 'react-aria-components';
import { inputClass } from './field';

// Comboboxes built on react-aria-components: it gives the ARIA combobox and listbox patterns
// (labels, active descendant, screen-reader announcements, Home/End/PageUp, typeahead) and a
// virtualizer, so a list of 500 people or 1,000 policies renders only the rows in view.
// The value travels in plain hidden inputs named as the server actions parse them, and lives
// in React state: useKeptForm never resets the form, so a refused form keeps the choice.

export type ComboboxOption = { id: string; label: string; description?: string };

const ROW = 34;
const layout = { rowSize: ROW };
// A key for "nobody": react-aria keys cannot be empty, the form's value can.
const NONE = '__none__';

const optionClass =
  'flex cursor-default flex-col justify-center px-3 text-sm text-slate-800 outline-none data-[focused]:bg-brand-50 data-[selected]:font-medium';

function Option({ option }: { option: ComboboxOption }) {
  return (
    <ListBoxItem
      id={option.id}
      textValue={option.label}
      className={optionClass}
      style={{ height: ROW }}
    >
      {({ isSelected }) => (
        <span className="flex items-center gap-2 truncate">
          <span aria-hidden className="w-3 text-brand-700">
            {isSelected ? '✓' : ''}
          </span>
          {/* Name and address in one text, so what is read is what is seen. */}
          <span className="truncate">
            <span>{option.label}</span>
            {option.description && (
              <>
                {' '}
                <span className="ml-1 text-xs text-slate-600">{option.description}</span>
              </>
            )}
          </span>
        </span>
      )}
    </ListBoxItem>
  );
}

function HelpText({ hint, error }: { hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && (
        <Text slot="description" className="block text-xs text-slate-600">
          {hint}
        </Text>
      )}
      {error && (
        <Text slot="errorMessage" className="block text-sm text-red-700" role="alert">
          {error}
        </Text>
      )}
    </>
  );
}

const labelClass = 'block text-sm font-medium text-slate-800';

// With the focus kept in the input (aria-activedescendant), react-aria leaves the list out of
// the tab order; a list that scrolls must still be reachable by keyboard on its own.
function focusableWhenScrolling(list: HTMLDivElement | null) {
  if (list && !list.hasAttribute('tabindex')) list.tabIndex = 0;
}

/**
 * One choice out of many, filtered by typing: the owner, a time zone. `emptyLabel` offers
 * "nobody" as the first option (its value is ""). `onChange` is for forms that react to it.
 */
export function Combobox({
  name,
  label,
  options,
  defaultValue = '',
  emptyLabel,
  hint,
  error,
  onChange,
  opensOn = 'focus',
}: {
  name: string;
  label: string;
  options: ComboboxOption[];
  defaultValue?: string;
  emptyLabel?: string;
  hint?: ReactNode;
  error?: string;
  onChange?: (value: string) => void;
  /**
   * 'focus' suits a form filled field by field; 'input' (typing, the arrow keys or the button)
   * suits a bar of filters tabbed through on the way to a list, where a list opening at every
   * stop would hide the page behind it.
   */
  opensOn?: 'focus' | 'input';
}) {
  const [value, setValue] = useState(defaultValue);
  // Inside a native modal <dialog> (the library's copy form) everything outside it is inert,
  // so there the list opens in the dialog; elsewhere at the end of <body>, as react-aria does.
  const [field, setField] = useState<HTMLDivElement | null>(null);
  const portal = field?.closest('dialog') ?? undefined;
  const items = emptyLabel === undefined ? options : [{ id: NONE, label: emptyLabel }, ...options];
  const choose = (key: Key | null) => {
    // Clearing the text and leaving the field means nobody (or, without an empty option, no change).
    const next =
      key === null || key === NONE ? (emptyLabel === undefined ? value : '') : String(key);
    setValue(next);
    onChange?.(next);
  };
  return (
    <ComboBox
      className="space-y-1"
      defaultItems={items}
      selectedKey={value || (emptyLabel === undefined ? null : NONE)}
      onSelectionChange={choose}
      menuTrigger={opensOn}
      isInvalid={!!error}
    >
      <Label className={labelClass}>{label}</Label>
      <div className="relative" ref={setField}>
        <Input className={`${inputClass} pr-9`} />
        <Button className="absolute inset-y-0 right-0 flex w-9 items-center justify-center text-slate-600">
          <span aria-hidden>▾</span>
        </Button>
      </div>
      <HelpText hint={hint} error={error} />
      <input type="hidden" name={name} value={value} />
      {/* maxHeight caps the list; near the window's edge react-aria lowers it, and the list follows. */}
      <Popover
        UNSTABLE_portalContainer={portal}
        maxHeight={288}
        className="flex w-(--trigger-width) flex-col rounded-md border border-slate-200 bg-white py-1 shadow-lg"
      >
        <Virtualizer layout={ListLayout} layoutOptions={layout}>
          <ListBox<ComboboxOption>
            ref={focusableWhenScrolling}
            className="max-h-[inherit] min-h-0 flex-1 overflow-auto outline-none"
            renderEmptyState={() => <p className="px-3 py-2 text-sm text-slate-600">No match.</p>}
          >
            {(option) => <Option option={option} />}
          </ListBox>
        </Virtualizer>
      </Popover>
    </ComboBox>
  );
}

/**
 * Many choices out of many: a search field over a list where each option toggles (Enter,
 * Space or a click). The caller shows what is chosen and writes the hidden inputs, since
 * each use submits differently (watchers carry a frequency each).
 */
export function MultiCombobox({
  label,
  options,
  value,
  onChange,
  hint,
  error,
  placeholder = 'Type to filter',
}: {
  label: string;
  options: ComboboxOption[];
  value: string[];
  onChange: (value: string[]) => void;
  hint?: ReactNode;
  error?: string;
  placeholder?: string;
}) {
  const { contains } = useFilter({ sensitivity: 'base' });
  const select = (selection: Selection) =>
    onChange(selection === 'all' ? options.map((o) => o.id) : [...selection].map(String));
  return (
    <div className="space-y-1">
      <Autocomplete filter={contains}>
        <SearchField className="block">
          <Label className={labelClass}>{label}</Label>
          <Input placeholder={placeholder} className={`${inputClass} mt-1`} />
        </SearchField>
        <Virtualizer layout={ListLayout} layoutOptions={layout}>
          <ListBox<ComboboxOption>
            ref={focusableWhenScrolling}
            aria-label={`${label}: choices`}
            items={options}
            selectionMode="multiple"
            selectedKeys={value}
            onSelectionChange={select}
            className="max-h-48 overflow-auto rounded-md border border-slate-200 py-1 outline-none"
            renderEmptyState={() => <p className="px-3 py-2 text-sm text-slate-600">No match.</p>}
          >
            {(option) => <Option option={option} />}
          </ListBox>
        </Virtualizer>
      </Autocomplete>
      {hint && <p className="text-xs text-slate-600">{hint}</p>}
      {error && (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
