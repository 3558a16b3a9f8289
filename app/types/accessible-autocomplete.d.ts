// accessible-autocomplete ships no types. This is the React build's component, with the props we use.
declare module "accessible-autocomplete/react" {
  import type { ComponentType } from "react";

  export type AutocompleteProps<T> = {
    id: string;
    name?: string;
    source: (query: string, populateResults: (results: T[]) => void) => void;
    defaultValue?: string;
    onConfirm?: (chosen: T | undefined) => void;
    autoselect?: boolean;
    confirmOnBlur?: boolean;
    displayMenu?: "inline" | "overlay";
    minLength?: number;
    showNoOptionsFound?: boolean;
    showAllValues?: boolean;
    required?: boolean;
    placeholder?: string;
    inputClasses?: string | null;
    hintClasses?: string | null;
    menuClasses?: string | null;
    menuAttributes?: Record<string, string>;
    templates?: { inputValue?: (value: T | string | undefined) => string; suggestion?: (value: T | string) => string };
    tNoResults?: () => string;
    tStatusQueryTooShort?: (minQueryLength: number) => string;
    tStatusNoResults?: () => string;
    tStatusSelectedOption?: (selectedOption: string, length: number, index: number) => string;
    tStatusResults?: (length: number, contentSelectedOption: string) => string;
    tAssistiveHint?: () => string;
  };

  const Autocomplete: ComponentType<AutocompleteProps<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  export default Autocomplete;
}
