FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY db db
COPY src src
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --create-home sidedesk
WORKDIR /home/sidedesk
COPY --from=build /src/target/sidedesk-*.jar /app/sidedesk.jar
COPY jvm.options /app/jvm.options
USER sidedesk
EXPOSE 8080
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/sidedesk.jar"]
