package com.wixanswers.wfm.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A JDBC connection that records how every text parameter of its prepared statements is bound, as mssql-jdbc
 * would be told it: the type a statement declares its text as decides whether SQL Server can seek an index.
 */
public final class RecordingConnection {
    /** One text parameter: the statement, and how it was bound ({@code VARCHAR}, {@code NVARCHAR} or untyped). */
    public record TextParameter(String sql, String boundAs, String value) {
    }

    private final List<TextParameter> text = Collections.synchronizedList(new ArrayList<>());
    private final Connection connection;

    public RecordingConnection(Connection real) {
        this.connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (method.getName().equals("prepareStatement") && result instanceof PreparedStatement statement) {
                        return statement((String) args[0], statement);
                    }
                    return result;
                });
    }

    public Connection connection() {
        return connection;
    }

    public List<TextParameter> textParameters() {
        synchronized (text) {
            return List.copyOf(text);
        }
    }

    private PreparedStatement statement(String sql, PreparedStatement real) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("setString")) {
                text.add(new TextParameter(sql, "untyped", (String) args[1]));
            } else if (name.equals("setNString")) {
                text.add(new TextParameter(sql, "NVARCHAR", (String) args[1]));
            } else if (name.equals("setObject") && args[1] instanceof String value) {
                int type = args.length > 2 && args[2] instanceof Integer declared ? declared : Types.OTHER;
                text.add(new TextParameter(sql, type == Types.VARCHAR ? "VARCHAR" : type == Types.NVARCHAR
                        ? "NVARCHAR" : "untyped", value));
            }
            return invoke(real, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args == null ? new Object[0] : Arrays.copyOf(args, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
