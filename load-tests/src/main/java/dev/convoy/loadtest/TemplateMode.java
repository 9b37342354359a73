package dev.convoy.loadtest;

/** ghz's {@code --disable-template-data} and {@code --disable-template-functions}. */
enum TemplateMode {
  /** Call data and functions are applied. */
  FULL,
  /** Call data is applied; a function is an error ({@code --disable-template-functions}). */
  DATA_ONLY,
  /** Data and metadata are sent as written ({@code --disable-template-data}). */
  OFF
}
