/** Every clinic row has this height (text clipped), so the list can place any of 100 000 rows without measuring. */
export const CLINIC_ROW_HEIGHT_PX = 104;
/** Space between rows, taken from each row's slot. */
export const CLINIC_ROW_GAP_PX = 8;
