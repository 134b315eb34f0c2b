/** Gatecheck's public API. */
package dev.gatecheck;
