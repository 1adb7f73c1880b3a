package dev.headroom.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Jackson mappers for reading what users write: where Jackson would bend a value ({@code 1.5}
 * users becoming 1, {@code model: 1} becoming {@code Closed}, a repeated key silently winning, a
 * misspelt metadata field kept aside), these refuse, so {@link BindingProblems} can report it.
 */
final class StrictMappers {

  static final ObjectMapper YAML = configure(YAMLMapper.builder());
  static final ObjectMapper JSON = configure(JsonMapper.builder());

  private StrictMappers() {}

  private static ObjectMapper configure(MapperBuilder<?, ?> builder) {
    return builder
        .addModule(new SimpleModule().addDeserializer(Integer.class, new WholeNumbers()))
        .annotationIntrospector(new StrictFabric8Introspector())
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .build();
  }

  /**
   * Fabric8's model classes (metadata, resources, tolerations) keep fields they do not know in a
   * map; in a manifest such a field is a typo the user must hear about, so the map is not used.
   */
  private static final class StrictFabric8Introspector extends JacksonAnnotationIntrospector {

    @Override
    public Boolean hasAnySetter(Annotated a) {
      if (a instanceof AnnotatedMember m && m.getDeclaringClass().getName().startsWith("io.fabric8.")) {
        return Boolean.FALSE;
      }
      return super.hasAnySetter(a);
    }
  }
}
