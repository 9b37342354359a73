/**
 * Model quality: accuracy, precision, recall and F1 from labels joined to predictions, and
 * an estimate of accuracy from calibrated confidence while labels are still missing.
 */
package dev.convoy.monitor.quality;
