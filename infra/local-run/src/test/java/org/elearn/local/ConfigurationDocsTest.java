package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The configuration table of docs/operations.md names exactly the {@code learning.*} properties the
 * code of both sides reads: the components of every {@code @ConfigurationProperties} record under a
 * {@code learning.} prefix, and every {@code ${learning.…}} placeholder of {@code @Value},
 * {@code @Scheduled} and {@code @ConditionalOnProperty}, found on the compiled classes.
 */
class ConfigurationDocsTest {

    private static final Path DOCS = Path.of("../../docs/operations.md");
    private static final String PREFIX = "learning.";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(learning\\.[a-z0-9.-]+)");
    private static final Pattern DOCUMENTED = Pattern.compile("`(learning\\.[a-z0-9.-]+)`");

    @Test
    void theTableListsEveryLearningPropertyTheCodeReads() throws IOException {
        Set<String> read = readInCode();
        Set<String> documented = documented();

        assertThat(read).as("found in the code").contains("learning.rebuild.batch-size", "learning.db.url",
                "learning.reports.export.concurrency", "learning.retention.interval",
                "learning.notifications.sender");
        assertThat(documented).as("the table of docs/operations.md lacks properties the code reads")
                .containsAll(read);
        assertThat(read).as("docs/operations.md lists properties no code reads").containsAll(documented);
    }

    /** The first column of the configuration table, one property a row. */
    private static Set<String> documented() throws IOException {
        String docs = Files.readString(DOCS);
        String section = docs.substring(docs.indexOf("## Configuration"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Set<String> names = new TreeSet<>();
        for (String line : section.lines().filter(l -> l.startsWith("| `learning.")).toList()) {
            Matcher name = DOCUMENTED.matcher(line.split("\\|")[1]);
            assertThat(name.find()).as(line).isTrue();
            names.add(name.group(1));
            assertThat(name.find()).as("one property a row: " + line).isFalse();
        }
        return names;
    }

    private static Set<String> readInCode() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : classes()) {
            learningPrefix(type).ifPresent(prefix -> bind(prefix, type, names));
            placeholders(type, names);
            for (Method method : type.getDeclaredMethods()) {
                learningPrefix(method).ifPresent(prefix -> bind(prefix, method.getReturnType(), names));
                placeholders(method, names);
                parameters(method, names);
            }
            for (Executable constructor : type.getDeclaredConstructors()) {
                parameters(constructor, names);
            }
            Stream.of(type.getDeclaredFields()).forEach(field -> placeholders(field, names));
        }
        return names;
    }

    /** Every class of the services and service-support on this module's class path. */
    private static List<Class<?>> classes() throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        CachingMetadataReaderFactory readers = new CachingMetadataReaderFactory(resolver);
        List<Class<?>> classes = new ArrayList<>();
        for (Resource resource : resolver.getResources("classpath*:org/elearn/**/*.class")) {
            String name = readers.getMetadataReader(resource).getClassMetadata().getClassName();
            try {
                classes.add(Class.forName(name, false, ConfigurationDocsTest.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(classes).as("classes scanned").hasSizeGreaterThan(100);
        return classes;
    }

    /** The record's components under {@code prefix}, kebab-case, nested records of this code recursed into. */
    private static void bind(String prefix, Class<?> type, Set<String> names) {
        assertThat(type.isRecord()).as(type + " binds " + prefix + ": records only, so the names can be listed")
                .isTrue();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            if (component.getType().isRecord() && component.getType().getName().startsWith("org.elearn.")) {
                bind(name, component.getType(), names);
            } else {
                names.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static void parameters(Executable executable, Set<String> names) {
        for (Parameter parameter : executable.getParameters()) {
            placeholders(parameter, names);
        }
    }

    private static void placeholders(AnnotatedElement element, Set<String> names) {
        List<String> expressions = new ArrayList<>();
        Value value = element.getAnnotation(Value.class);
        if (value != null) {
            expressions.add(value.value());
        }
        for (Scheduled scheduled : AnnotatedElementUtils.findMergedRepeatableAnnotations(element, Scheduled.class)) {
            expressions.addAll(List.of(scheduled.fixedDelayString(), scheduled.fixedRateString(),
                    scheduled.initialDelayString(), scheduled.cron()));
        }
        ConditionalOnProperty conditional = element.getAnnotation(ConditionalOnProperty.class);
        if (conditional != null) {
            String prefix = conditional.prefix().isEmpty() || conditional.prefix().endsWith(".")
                    ? conditional.prefix() : conditional.prefix() + ".";
            Stream.concat(Stream.of(conditional.name()), Stream.of(conditional.value()))
                    .map(name -> prefix + name)
                    .filter(name -> name.startsWith(PREFIX))
                    .forEach(names::add);
        }
        for (String expression : expressions) {
            Matcher placeholder = PLACEHOLDER.matcher(expression);
            while (placeholder.find()) {
                names.add(placeholder.group(1));
            }
        }
    }

    /** The prefix of {@code @ConfigurationProperties} on the element, if it is a {@code learning.} one. */
    private static Optional<String> learningPrefix(AnnotatedElement element) {
        ConfigurationProperties properties = element.getAnnotation(ConfigurationProperties.class);
        return Optional.ofNullable(properties)
                .map(p -> p.prefix().isEmpty() ? p.value() : p.prefix())
                .filter(prefix -> prefix.startsWith(PREFIX));
    }
}
