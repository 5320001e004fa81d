/** The bulk-close form's id: row checkboxes rendered on the server join it through `form=`. */
export const BULK_FORM_ID = 'bulk-close';
