package dev.headroom.api.v1alpha1;

/** Placeholder: the status shape of DESIGN.md is being written in this package. */
public class LoadTestStatus {}
