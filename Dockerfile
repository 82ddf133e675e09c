FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY db db
COPY src src
RUN ./mvnw -B -q package -DskipTests
# Spring Boot's extracted layout: the application's jar beside lib/, its libraries read as plain jars. A start reads
# classes from nested jars more slowly (on a migrated database, without an archive, healthy after 10.8-13.3 s against
# 8.3-8.5 s on two cores, bench/README.md step 35), and only the extracted layout can use a class data sharing archive
# (README, Deployment).
RUN java -Djarmode=tools -jar target/sidedesk-*.jar extract --destination /src/app --application-filename sidedesk.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --create-home sidedesk
WORKDIR /home/sidedesk
# The libraries first, in a layer of their own that a change of the service's code leaves as it was.
COPY --from=build /src/app/lib /app/lib
COPY --from=build /src/app/sidedesk.jar /app/sidedesk.jar
COPY jvm.options /app/jvm.options
USER sidedesk
EXPOSE 8080
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/sidedesk.jar"]
