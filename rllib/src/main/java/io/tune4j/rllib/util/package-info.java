/** Small shared utilities: stability annotations. */
package io.tune4j.rllib.util;
