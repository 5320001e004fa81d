// The form the Events table's row checkboxes join (through their `form` attribute).
export const EVENT_SELECTION_FORM = 'event-selection';
export const EVENT_SELECTION_NAME = 'eventIds';
