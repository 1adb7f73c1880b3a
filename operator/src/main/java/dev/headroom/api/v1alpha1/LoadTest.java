package dev.headroom.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A load test: the spec is its only input, the status its only output. */
@Group("headroom.dev")
@Version("v1alpha1")
@ShortNames("lt")
public class LoadTest extends CustomResource<LoadTestSpec, LoadTestStatus> implements Namespaced {}
