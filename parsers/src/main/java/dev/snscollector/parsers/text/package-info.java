/** Reading what pages display as text: abbreviated counts in several locales. */
@NullMarked
package dev.snscollector.parsers.text;

import org.jspecify.annotations.NullMarked;
