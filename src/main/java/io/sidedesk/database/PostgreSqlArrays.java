package io.sidedesk.database;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.type.PostgreSQLArrayJdbcType;
import org.hibernate.dialect.type.PostgreSQLArrayJdbcTypeConstructor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.tool.schema.extract.spi.ColumnTypeInformation;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.hibernate.type.spi.TypeConfiguration;

/**
 * Array columns ({@code text[]}, {@code bigint[]}: a ticket's tags, followers and CCs) bound as Hibernate's PostgreSQL
 * dialect binds them, except that the element type's name ({@code varchar}, {@code bigint}), which the driver needs
 * to make the array, is worked out once per element type rather than at every bind: Hibernate 7.2 asks its DDL type
 * registry for it, formatting a type description each time (issue 26). Registered through {@code META-INF/services};
 * Hibernate applies it after the dialect's own types, so it replaces the dialect's array type.
 */
public class PostgreSqlArrays implements TypeContributor {

    @Override
    public void contribute(TypeContributions types, ServiceRegistry services) {
        types.getTypeConfiguration().getJdbcTypeRegistry().addTypeConstructor(new Constructor());
    }

    static final class Constructor extends PostgreSQLArrayJdbcTypeConstructor {

        @Override
        public JdbcType resolveType(
                TypeConfiguration types, Dialect dialect, JdbcType elementType, ColumnTypeInformation column) {
            return new ArrayType(elementType);
        }
    }

    /** The dialect's array type, remembering its element type's name for each Java type it binds. */
    static final class ArrayType extends PostgreSQLArrayJdbcType {

        private final Map<JavaType<?>, String> elementTypeNames = new ConcurrentHashMap<>();

        ArrayType(JdbcType elementType) {
            super(elementType);
        }

        @Override
        protected String getElementTypeName(JavaType<?> javaType, SharedSessionContractImplementor session) {
            return elementTypeNames.computeIfAbsent(javaType, type -> super.getElementTypeName(type, session));
        }
    }
}
